import type { RunningStack } from '@hub/testkit';
import { createClient } from 'graphql-ws';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { sql } from './publishing.ts';

/**
 * Helpers for the hostile-input tests: what a refusal must look like (a stable code, no 5xx,
 * nothing of the database or the code behind it), the same operation over graphql-ws, and the
 * row counts that show a refused write left nothing behind.
 */

/**
 * What must never reach a client: SQL and PostgreSQL's words, stack frames ("    at fn (file:1:2)";
 * a bare " at " also appears in GraphQL's own messages, `… at "input.title"`), module paths,
 * socket errors.
 */
export const leaks: readonly RegExp[] = [
  /\bselect\b/i,
  /\binsert into\b/i,
  /\brelation\b/i,
  /violates/i,
  /invalid byte sequence/i,
  /invalid input syntax/i,
  /out of range: "/i,
  /postgres|SQLSTATE|DriverException|MikroORM|kysely/i,
  /\bat (async )?[\w$.<>[\]]+ \(|\bat (file|node):|\.[jt]s:\d+:\d+/,
  /node_modules/,
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT/,
];

/** Codes a refusal may carry: the hub's own and graphql's, never INTERNAL_SERVER_ERROR. */
const stableCodes = new Set([
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'SUBGRAPH_UNAVAILABLE',
]);

/** One answer, HTTP or WebSocket: its status (WebSocket: 0), error codes and messages, and its whole text. */
export interface Answer {
  status: number;
  codes: string[];
  messages: string[];
  data: unknown;
  text: string;
}

function answerOf(status: number, text: string): Answer {
  let body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: the checks below still read the text
  }
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  return {
    status,
    codes: errors.map((e) => String(e.extensions?.code)),
    messages: errors.map((e) => String(e.message)),
    data: body?.data,
    text,
  };
}

/** Sends one HTTP request to the gateway (`path` relative to its origin) and reads the answer. */
export async function send(
  gatewayUrl: string,
  options: { method?: string; path?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const target = new URL(options.path ?? '/graphql', gatewayUrl);
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const response = await fetch(target, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': '1', ...options.headers },
    body,
  });
  return answerOf(response.status, await response.text());
}

/** Runs one operation over graphql-ws and collects its errors; a refused connection reads as `close:<code>`. */
export async function overWebSocket(
  gatewayUrl: string,
  payload: { query: string; operationName?: string; variables?: Record<string, unknown> },
  authorization?: string,
): Promise<Answer> {
  const client = createClient({
    url: gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: authorization ? { authorization } : {},
  });
  try {
    return await new Promise<Answer>((resolve) => {
      const results: unknown[] = [];
      client.subscribe(payload, {
        next: (result) => {
          results.push(result);
        },
        error: (error) => {
          if (Array.isArray(error)) {
            resolve(answerOf(0, JSON.stringify({ errors: error })));
          } else {
            const code = (error as { code?: number }).code;
            resolve({
              status: 0,
              codes: [`close:${code}`],
              messages: [String((error as { reason?: string }).reason ?? '')],
              data: null,
              text: '',
            });
          }
        },
        complete: () => {
          const errors = results.flatMap((r) => (r as { errors?: unknown[] }).errors ?? []);
          const data = (results.at(-1) as { data?: unknown } | undefined)?.data;
          resolve(answerOf(0, JSON.stringify({ data, errors })));
        },
      });
    });
  } finally {
    await client.dispose();
  }
}

/**
 * A refusal: the expected status (WebSocket: 0) and one of the expected codes on every error,
 * no data, and nothing in the whole answer that comes from the database or the code.
 */
export function expectRefused(answer: Answer, codes: readonly string[], status?: number, label = ''): void {
  expect(answer.status, `${label} status (${answer.text.slice(0, 300)})`).toBe(status ?? answer.status);
  expect(answer.status, label).toBeLessThan(500);
  expect(answer.codes.length, `${label}: no error in ${answer.text.slice(0, 300)}`).toBeGreaterThan(0);
  for (const code of answer.codes) {
    expect(codes, `${label}: ${answer.text.slice(0, 300)}`).toContain(code);
  }
  expectClean(answer, label);
}

/** No 5xx, every error coded with a stable code, and no SQL, database or stack text anywhere in the answer. */
export function expectClean(answer: Answer, label = ''): void {
  expect(answer.status, label).toBeLessThan(500);
  for (const code of answer.codes) {
    expect(stableCodes.has(code) || code.startsWith('close:'), `${label}: code ${code} in ${answer.text.slice(0, 300)}`).toBe(true);
  }
  for (const pattern of leaks) {
    expect(answer.text, `${label}: ${pattern}`).not.toMatch(pattern);
  }
}

/** Rows in every table of every database of the hub (migrations aside): equal before and after means nothing was written. */
export async function rowCounts(hub: RunningStack): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [service, url] of Object.entries(hub.databaseUrls)) {
    const tables = await sql<{ name: string }>(
      url,
      `select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'mikro_orm%' order by 1`,
    );
    const union = tables.map((t) => `select '${t.name}' as name, count(*)::int as n from "${t.name}"`).join(' union all ');
    for (const row of await sql<{ name: string; n: number }>(url, union)) {
      counts[`${service}.${row.name}`] = row.n;
    }
  }
  return counts;
}
