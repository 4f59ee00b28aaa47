import { request as httpRequest } from 'node:http';
import type { RunningStack } from '@hub/testkit';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demo, startTestHub } from './support/hub.ts';
import { type Caller, people, postJson, signIn } from './support/publishing.ts';

/**
 * The gateway's limits, each refused with a clear message and a stable code: nesting depth (12),
 * aliases (30), estimated cost (50,000), body size (100,000 bytes) and requests per identity per
 * minute (30 in this hub, so the bucket empties quickly; every other test signs in as someone
 * else, with a bucket of its own).
 */

let hub: RunningStack;
let url: string;

beforeAll(async () => {
  hub = await startTestHub(4150, { env: { HUB_RATE_LIMIT_PER_MINUTE: '30' } });
  url = hub.gatewayUrl;
});

afterAll(async () => {
  await hub?.stop();
});

/** A dashboard viewer with a rate-limit bucket of their own. */
const someone = (subject: string): Promise<Caller> => signIn(url, people.viewer, subject);

/** An introspection query nested `levels` deep (the hub's own types nest no deeper than 7). */
function nested(levels: number): string {
  const ofTypes = levels - 5;
  return `{ __schema { types { fields { type ${'{ ofType '.repeat(ofTypes)}{ name }${' }'.repeat(ofTypes)} } } } }`;
}

const heavyList = (first: string) => /* GraphQL */ `
  alliance(id: $id) {
    coBuildingList(first: ${first}) {
      edges { node { id title history { actor at field oldValue newValue } progressReports { percent text reportedAt } } }
    }
  }
`;

describe('gateway limits', () => {
  it('refuses a query nested deeper than 12 levels with QUERY_TOO_COMPLEX, and answers one 12 deep', async () => {
    const caller = await someone('limits-depth');
    const deep = await caller.request(nested(13));
    expect(deep.status).toBe(400);
    expect(deep.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(deep.errors?.[0]?.message).toBe('Query depth 13 exceeds the maximum of 12');
    expect(deep.data).toBeUndefined();
    const allowed = await caller.request(nested(12));
    expect(allowed.status).toBe(200);
    expect(allowed.errors).toBeUndefined();
  });

  it('refuses more than 30 aliases with QUERY_TOO_COMPLEX, and answers 30', async () => {
    const caller = await someone('limits-aliases');
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: alliances { id }`).join(' ')} }`;
    const many = await caller.request(aliased(31));
    expect(many.status).toBe(400);
    expect(many.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(many.errors?.[0]?.message).toBe('Query uses 31 aliases; the maximum is 30');
    const allowed = await caller.request(aliased(30));
    expect(allowed.errors).toBeUndefined();
    expect(Object.keys(allowed.data)).toHaveLength(30);
  });

  it('refuses a query whose estimated cost exceeds 50,000, however the page size is given, and answers a modest one', async () => {
    const caller = await someone('limits-cost');
    const variables = { id: demo.alliances.highway };
    const attempts = {
      literal: await caller.request(`query($id: ID!) { ${heavyList('1000')} }`, variables),
      variable: await caller.request(`query($id: ID!, $n: Int!) { ${heavyList('$n')} }`, { ...variables, n: 1000 }),
      'variable default': await caller.request(`query($id: ID!, $n: Int! = 1000) { ${heavyList('$n')} }`, variables),
    };
    for (const [how, response] of Object.entries(attempts)) {
      expect(response.status, how).toBe(400);
      expect(
        response.errors?.map((e) => e.extensions?.code),
        how,
      ).toEqual(['QUERY_TOO_COMPLEX']);
      expect(response.errors?.[0]?.message, how).toMatch(/^Query cost \d+ exceeds the maximum of 50000; ask for fewer items or fields$/);
    }
    const modest = await caller.request(`query($id: ID!) { ${heavyList('50')} }`, variables);
    expect(modest.errors).toBeUndefined();
    expect(modest.data.alliance.coBuildingList.edges.length).toBeGreaterThan(0);
  });

  it('refuses a body over 100,000 bytes with 413 PAYLOAD_TOO_LARGE, and reads one just under', async () => {
    const caller = await someone('limits-body');
    const auth = { authorization: `Bearer ${caller.token}` };
    const body = (size: number) => {
      const empty = JSON.stringify({ query: '{ alliances { id } }', variables: { pad: '' } });
      return JSON.stringify({ query: '{ alliances { id } }', variables: { pad: 'x'.repeat(size - empty.length) } });
    };
    const large = await postJson(url, body(100_001), auth);
    expect(large.status).toBe(413);
    expect(large.codes).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(large.body.errors[0].message).toBe('Request body is larger than 100000 bytes');
    const fits = await postJson(url, body(99_999), auth);
    expect(fits.status).toBe(200);
    expect(fits.body.data.alliances.length).toBeGreaterThan(0);
  });

  it('refuses an oversized body sent in chunks without a declared length, too', async () => {
    const caller = await someone('limits-chunked');
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${caller.token}`, 'transfer-encoding': 'chunked' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      request.on('error', (error) => {
        // The gateway may close the connection once it has answered; the answer is what counts.
        if ((error as NodeJS.ErrnoException).code !== 'EPIPE' && (error as NodeJS.ErrnoException).code !== 'ECONNRESET') {
          reject(error);
        }
      });
      request.write(`{"query":"{ alliances { id } }","variables":{"pad":"`);
      for (let i = 0; i < 30; i += 1) {
        request.write('x'.repeat(5000));
      }
      request.end('"}}');
    });
    expect(status.status).toBe(413);
    expect(JSON.parse(status.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('limits requests per identity: beyond the burst, 429 RATE_LIMITED with Retry-After, while others carry on', async () => {
    const busy = await someone('limits-rate-busy');
    const other = await someone('limits-rate-other');
    const query = { query: '{ alliances { id } }' };
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof postJson>> | null = null;
    for (let i = 0; i < 15; i += 1) {
      const response = await postJson(url, query, { authorization: `Bearer ${busy.token}` });
      statuses.push(response.status);
      if (response.status === 429 && !refused) {
        refused = response;
      }
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200)); // a burst of a tenth of a minute's allowance, at least 10
    expect(statuses.slice(10)).toContain(429);
    expect(refused?.codes).toEqual(['RATE_LIMITED']);
    expect(refused?.body.errors[0].message).toMatch(/^Too many requests; retry in \d+ s$/);
    const retryAfter = Number(refused?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);

    expect((await postJson(url, query, { authorization: `Bearer ${other.token}` })).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    expect((await postJson(url, query, { authorization: `Bearer ${busy.token}` })).status).toBe(200);
  });

  it('limits anonymous callers by their address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      statuses.push((await postJson(url, { query: '{ alliances { id } }' })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses.slice(10)).toContain(429);
  });

  it('counts operations over WebSocket against the same rate: beyond the burst, RATE_LIMITED', async () => {
    const caller = await someone('limits-rate-ws');
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${caller.token}` },
    });
    try {
      const codes: string[] = [];
      for (let i = 0; i < 14; i += 1) {
        const result = await new Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[] }>((resolve) => {
          let last = {};
          client.subscribe(
            { query: '{ alliances { id } }' },
            {
              next: (value) => {
                last = value;
              },
              error: (errors) => resolve({ errors: errors as never }),
              complete: () => resolve(last),
            },
          );
        });
        codes.push(String(result.errors?.[0]?.extensions?.code ?? 'OK'));
      }
      expect(codes.slice(0, 10)).toEqual(Array(10).fill('OK'));
      expect(codes.slice(10)).toContain('RATE_LIMITED');
    } finally {
      await client.dispose();
    }
  });
});
