import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { ErrorCode } from '@hub/contracts';
import { HttpError } from '@hub/http';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** The path as text; malformed percent-encoding, or a NUL no file name holds, is 400 BAD_REQUEST. */
function decodedPath(path: string): string {
  try {
    const decoded = decodeURIComponent(path);
    if (!decoded.includes('\u0000')) {
      return decoded;
    }
  } catch {
    // refused below
  }
  throw new HttpError(400, ErrorCode.BAD_REQUEST, 'The path is not valid percent-encoded UTF-8');
}

/**
 * Serves the built web app from `root`: files by path (never outside `root`), and index.html for
 * any other path so the app's own routes work on reload. 404 when the app is not built.
 */
export async function serveStatic(root: string | undefined, path: string, response: ServerResponse): Promise<void> {
  if (!root) {
    throw new HttpError(404, ErrorCode.NOT_FOUND, 'No web app is configured (HUB_WEB_DIST); the API is at /graphql');
  }
  const base = resolve(root);
  let file = resolve(join(base, normalize(decodedPath(path))));
  if (!file.startsWith(base)) {
    throw new HttpError(404, ErrorCode.NOT_FOUND, 'Not found');
  }
  let info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    file = join(base, 'index.html');
    info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      throw new HttpError(404, ErrorCode.NOT_FOUND, 'The web app is not built; run the start command, the API is at /graphql');
    }
  }
  const immutable = file.includes(`${join(base, 'assets')}`);
  response.writeHead(200, {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(response);
}
