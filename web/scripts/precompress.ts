import { readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Types worth compressing (text); images and fonts are compressed already. */
const compressible = new Set(['.js', '.css', '.html', '.svg', '.json']);

/** Below this, a compressed copy saves less than its own headers cost. */
const minimumBytes = 1024;

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside `file` when it is
 * text of at least 1 KB, each only when smaller than the file. Compressing once at build, at the
 * best levels, is what lets the gateway send compressed files without spending CPU per request.
 */
export async function precompressFile(file: string): Promise<void> {
  if (!compressible.has(extname(file))) {
    return;
  }
  const content = await readFile(file);
  if (content.length < minimumBytes) {
    return;
  }
  const [br, gz] = await Promise.all([
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  await Promise.all([
    br.length < content.length ? writeFile(`${file}.br`, br) : null,
    gz.length < content.length ? writeFile(`${file}.gz`, gz) : null,
  ]);
}

/** Vite plugin: once the build is written, precompresses every file it wrote (the gateway serves them, gateway/src/static.ts). */
export function precompress(): Plugin {
  return {
    name: 'hub-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      await Promise.all(Object.keys(bundle).map((fileName) => precompressFile(join(outDir, fileName))));
    },
  };
}
