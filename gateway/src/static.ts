import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ErrorCode } from '@hub/contracts';
import { HttpError } from '@hub/http';
import { chooseEncoding, type Encoding, encodingSuffix } from './static-encoding.ts';
import { requestedRange } from './static-range.ts';

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

/** Types the build precompresses (web/scripts/precompress.ts); the others are sent as they are. */
const compressible = new Set(['.html', '.js', '.css', '.json', '.svg']);

/** Vite names everything under assets/ by its content's hash: a changed file gets a new name. */
const hashedDir = 'assets';

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

async function fileInfo(file: string): Promise<Stats | null> {
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? info : null;
}

/**
 * The file to send for `path`: the file itself when it exists under `base`, else index.html so
 * the app's own routes work on reload — except under assets/, where a missing file (a chunk of an
 * older build) is 404 rather than a page the browser would try to run as a script.
 */
async function resolveFile(base: string, path: string): Promise<{ file: string; info: Stats }> {
  const file = resolve(join(base, normalize(decodedPath(path))));
  if (file !== base && !file.startsWith(base + sep)) {
    throw new HttpError(404, ErrorCode.NOT_FOUND, 'Not found');
  }
  const info = await fileInfo(file);
  if (info) {
    return { file, info };
  }
  if (file.startsWith(join(base, hashedDir) + sep)) {
    throw new HttpError(404, ErrorCode.NOT_FOUND, 'Not found');
  }
  const index = join(base, 'index.html');
  const indexInfo = await fileInfo(index);
  if (!indexInfo) {
    throw new HttpError(404, ErrorCode.NOT_FOUND, 'The web app is not built; run the start command, the API is at /graphql');
  }
  return { file: index, info: indexInfo };
}

/** The precompressed copies that exist beside `file`, with their sizes. */
async function compressedCopies(file: string): Promise<Map<Encoding, Stats>> {
  const copies = new Map<Encoding, Stats>();
  if (!compressible.has(extname(file))) {
    return copies;
  }
  for (const [encoding, suffix] of Object.entries(encodingSuffix) as [Encoding, string][]) {
    const info = await fileInfo(file + suffix);
    if (info) {
      copies.set(encoding, info);
    }
  }
  return copies;
}

/** Whether If-None-Match names this version (a weak comparison, `*` included). */
function notModified(request: IncomingMessage, etag: string): boolean {
  const header = request.headers['if-none-match'];
  return header?.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, ''))) ?? false;
}

/**
 * Serves the built web app from `root` (GET and HEAD): files by path (never outside `root`), and
 * index.html for any other path so the app's own routes work on reload. 404 when the app is not
 * built. A file is sent brotli- or gzip-compressed when the build left that copy beside it and the
 * client accepts it (`vary: accept-encoding`); files under assets/ are cached for a year as
 * immutable (their names change with their content), anything else (index.html) is revalidated
 * every time (`no-cache`, with an ETag). One byte range is honoured; other Range headers get the whole file.
 */
export async function serveStatic(
  root: string | undefined,
  request: IncomingMessage,
  path: string,
  response: ServerResponse,
): Promise<void> {
  if (!root) {
    throw new HttpError(404, ErrorCode.NOT_FOUND, 'No web app is configured (HUB_WEB_DIST); the API is at /graphql');
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', 'The web app is read with GET or HEAD', { allow: 'GET, HEAD' });
  }
  const base = resolve(root);
  const { file, info } = await resolveFile(base, path);
  const copies = await compressedCopies(file);
  const encoding = chooseEncoding(request.headers['accept-encoding'], new Set(copies.keys()));
  const sent = encoding === 'identity' ? { file, info } : { file: file + encodingSuffix[encoding], info: copies.get(encoding)! };
  const etag = `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}-${encoding}"`;
  const headers: OutgoingHttpHeaders = {
    'content-type': types[extname(file)] ?? 'application/octet-stream',
    'cache-control': file.startsWith(join(base, hashedDir) + sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag,
    'accept-ranges': 'bytes',
    ...(compressible.has(extname(file)) ? { vary: 'accept-encoding' } : {}),
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
  };
  if (notModified(request, etag)) {
    response.writeHead(304, headers).end();
    return;
  }
  const ifRange = request.headers['if-range'];
  const range = ifRange === undefined || ifRange === etag ? requestedRange(request.headers.range, sent.info.size) : null;
  if (range === 'unsatisfiable') {
    response.writeHead(416, { ...headers, 'content-range': `bytes */${sent.info.size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: sent.info.size - 1 };
  response.writeHead(range ? 206 : 200, {
    ...headers,
    'content-length': String(Math.max(0, end - start + 1)),
    ...(range ? { 'content-range': `bytes ${start}-${end}/${sent.info.size}` } : {}),
  });
  if (request.method === 'HEAD' || end < start) {
    response.end();
    return;
  }
  // A client that leaves early, or a file removed by a rebuild meanwhile, just ends the response.
  await pipeline(createReadStream(sent.file, { start, end }), response).catch(() => response.destroy());
}
