import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { apiSchemaFile, distDir, sourceDir, supergraphFile, webRoot } from './layout.ts';
import { generateOperations } from './operations.ts';

/** Modification time of a file in ms; 0 when it does not exist. */
async function modified(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.mtimeMs ?? 0;
}

/** The newest modification time among the app's sources and its build configuration (the config's plugins in scripts/ included). */
async function newestSource(): Promise<number> {
  const entries = [
    ...(await readdir(sourceDir, { withFileTypes: true, recursive: true })),
    ...(await readdir(`${webRoot}scripts`, { withFileTypes: true })),
  ];
  const files = [
    ...entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)),
    `${webRoot}index.html`,
    `${webRoot}vite.config.ts`,
    `${webRoot}package.json`,
  ];
  return Math.max(...(await Promise.all(files.map(modified))));
}

/**
 * Builds web/dist (or `outDir`, e.g. a test's own copy that no other build replaces while it
 * runs) with Vite (production mode); throws with Vite's error when the build fails.
 */
export async function buildWeb(outDir = distDir): Promise<string> {
  // Vite and React build for production only when NODE_ENV says so; inside vitest it says `test`,
  // and the browser tests would get React's development build (several times larger and slower).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: webRoot,
      configFile: `${webRoot}vite.config.ts`,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) {
      delete process.env.NODE_ENV;
    } else {
      process.env.NODE_ENV = nodeEnv;
    }
  }
  return outDir;
}

/**
 * Makes sure `outDir` (default web/dist) holds a build of the current sources and returns its path. Regenerates
 * the typed operations first when gateway/supergraph.graphql changed since they were generated,
 * then builds only when a source is newer than the last build. Throws when codegen (an operation
 * no longer valid against the schema) or the build fails.
 */
export async function ensureWebBuilt(outDir = distDir): Promise<string> {
  if ((await modified(supergraphFile)) > (await modified(apiSchemaFile))) {
    await generateOperations();
  }
  if ((await newestSource()) > (await modified(join(outDir, 'index.html')))) {
    await buildWeb(outDir);
  }
  return outDir;
}
