/**
 * The baseline: a plain graphql-ws server (graphql-ws `useServer`, graphql-js, in-memory
 * fan-out) that broadcasts the payloads the hub delivered. Run as its own process by
 * baseline-run.ts. Environment: PORT, BENCH_PAYLOADS (a JSON file: one change object per
 * change). HTTP: GET /health, GET /metrics (`baseline_clients`), POST /broadcast?change=<i>.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { createBaselineSchema } from './baseline-schema.ts';
import { Broadcaster } from './broadcaster.ts';

const port = Number(process.env.PORT ?? 4600);
const payloadsPath = process.env.BENCH_PAYLOADS;
if (!payloadsPath) {
  throw new Error('Set BENCH_PAYLOADS to the JSON file of payloads to broadcast');
}
const payloads = JSON.parse(readFileSync(payloadsPath, 'utf8')) as unknown[];
const events = new Broadcaster<unknown>();
const schema = createBaselineSchema(events);

const http = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://baseline');
  if (url.pathname === '/health') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  } else if (url.pathname === '/metrics') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`baseline_clients ${events.size}\n`);
  } else if (url.pathname === '/broadcast' && request.method === 'POST') {
    const payload = payloads[Number(url.searchParams.get('change'))];
    if (payload === undefined) {
      response.writeHead(404).end();
      return;
    }
    events.publish(payload);
    response.writeHead(204).end();
  } else {
    response.writeHead(404).end();
  }
});
const wss = new WebSocketServer({ server: http, path: '/graphql' });
const server = useServer({ schema }, wss);
http.listen(port, '127.0.0.1');

process.once('SIGTERM', () => {
  void Promise.resolve(server.dispose()).finally(() => http.close(() => process.exit(0)));
});
