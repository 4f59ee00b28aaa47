import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { sendError } from '@hub/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './static.ts';

/** This file's own port (the range 5760–5779 is the web app's speed and accessibility work's). */
const port = 5779;

const script = Buffer.from(`console.log(${JSON.stringify('共建清单 '.repeat(400))});\n`);
const page = Buffer.from('<!doctype html><title>app</title><div id="root"></div>\n');

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request (no decompression, the path sent exactly as given). */
function send(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('serving the built web app', () => {
  let parent: string;
  let server: Server;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'hub-static-'));
    const root = join(parent, 'dist');
    await mkdir(join(root, 'assets'), { recursive: true });
    await mkdir(join(parent, 'dist-private'));
    await writeFile(join(parent, 'dist-private', 'secret.txt'), 'secret');
    await writeFile(join(parent, 'secret.txt'), 'secret');
    await writeFile(join(root, 'index.html'), page);
    await writeFile(join(root, 'assets', 'app-Ab12.js'), script);
    await writeFile(join(root, 'assets', 'app-Ab12.js.br'), brotliCompressSync(script));
    await writeFile(join(root, 'assets', 'app-Ab12.js.gz'), gzipSync(script));
    await writeFile(join(root, 'assets', 'only-gz-Cd34.css'), 'body{}');
    await writeFile(join(root, 'assets', 'only-gz-Cd34.css.gz'), gzipSync('body{}'));
    await writeFile(join(root, 'assets', 'mark-Ef56.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    // The raw path, as a client could send it: serveStatic must stand without the URL parser's normalization.
    server = createServer((request, response) => {
      serveStatic(root, request, (request.url ?? '/').split('?')[0]!, response).catch((error: unknown) =>
        sendError(response, error, 'test'),
      );
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(parent, { recursive: true, force: true });
  });

  it('sends brotli to a client that accepts it, with its own length, vary and a year of immutable cache', async () => {
    const answer = await send('/assets/app-Ab12.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers.vary).toBe('accept-encoding');
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(answer.body).equals(script)).toBe(true);
  });

  it('sends gzip when brotli is refused or not accepted, and the file itself when neither is', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip', 'x-gzip, br;q=0']) {
      const answer = await send('/assets/app-Ab12.js', { 'accept-encoding': accept });
      expect(answer.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(answer.body).equals(script)).toBe(true);
    }
    for (const headers of [
      {} as Record<string, string>,
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br;q=0, gzip;q=0' },
      { 'accept-encoding': '*;q=0' },
    ]) {
      const answer = await send('/assets/app-Ab12.js', headers);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers.vary).toBe('accept-encoding');
      expect(Number(answer.headers['content-length'])).toBe(script.length);
      expect(answer.body.equals(script)).toBe(true);
    }
    const star = await send('/assets/app-Ab12.js', { 'accept-encoding': '*' });
    expect(star.headers['content-encoding']).toBe('br');
  });

  it('sends only the copies the build left: gzip for a file without brotli, nothing for an image', async () => {
    const style = await send('/assets/only-gz-Cd34.css', { 'accept-encoding': 'br, gzip' });
    expect(style.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(style.body).toString()).toBe('body{}');
    const image = await send('/assets/mark-Ef56.png', { 'accept-encoding': 'br, gzip' });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.headers.vary).toBeUndefined();
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.body.length).toBe(4);
  });

  it('answers HEAD with the headers GET would have, and no body', async () => {
    const get = await send('/assets/app-Ab12.js', { 'accept-encoding': 'br' });
    const head = await send('/assets/app-Ab12.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-length', 'content-encoding', 'content-type', 'etag', 'cache-control', 'vary']) {
      expect(head.headers[name]).toBe(get.headers[name]);
    }
  });

  it('serves index.html for the app routes, revalidated every time, and 304 when it has not changed', async () => {
    const first = await send('/wall/8e2f21bd-2c64-562f-8e7e-32f2fd91cc93');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.body.equals(page)).toBe(true);
    const again = await send('/', { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await send('/', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answers 404 for a chunk of an older build, not index.html the browser would run as a script', async () => {
    const answer = await send('/assets/DashboardPage-old.js', { 'accept-encoding': 'br' });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body.toString()).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('never sends a file outside the root, however the path is written', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/../dist-private/secret.txt',
      '/..%5csecret.txt',
    ]) {
      const answer = await send(path);
      expect(answer.body.toString()).not.toBe('secret');
      expect([200, 404]).toContain(answer.status);
    }
    const malformed = await send('/%E0%A4%A');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body.toString()).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('honours one byte range of the representation sent, says 416 past the end, and sends everything for several ranges', async () => {
    const part = await send('/assets/app-Ab12.js', { range: 'bytes=0-9' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-9/${script.length}`);
    expect(part.body.equals(script.subarray(0, 10))).toBe(true);
    const tail = await send('/assets/app-Ab12.js', { range: 'bytes=-5', 'accept-encoding': 'br' });
    const compressed = brotliCompressSync(script);
    expect(tail.status).toBe(206);
    expect(tail.headers['content-encoding']).toBe('br');
    expect(tail.body.equals(compressed.subarray(compressed.length - 5))).toBe(true);
    const beyond = await send('/assets/app-Ab12.js', { range: `bytes=${script.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${script.length}`);
    const several = await send('/assets/app-Ab12.js', { range: 'bytes=0-1,4-5' });
    expect(several.status).toBe(200);
    expect(several.body.equals(script)).toBe(true);
    const stale = await send('/assets/app-Ab12.js', { range: 'bytes=0-9', 'if-range': '"older"' });
    expect(stale.status).toBe(200);
  });

  it('refuses writes with 405 and names the methods it takes', async () => {
    const answer = await send('/assets/app-Ab12.js', {}, 'POST');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });
});
