import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningStack } from '@hub/testkit';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, expectClean, expectRefused, overWebSocket, rowCounts, send } from './support/hostile.ts';
import { demo, startTestHub, tokenFor } from './support/hub.ts';
import { people, untilRelayed, userToken } from './support/publishing.ts';

/**
 * Hostile requests to the gateway, over HTTP and WebSocket alike: oversized and repeated
 * selections, fragment fan-out, page sizes that would lower the cost estimate, requests without
 * one clear operation, malformed URLs, bodies and tokens. Each is refused quickly with a 4xx (or
 * a coded error over graphql-ws), never a 500, never with database or stack text; none writes a
 * row; and /health keeps answering while the worst of them run.
 */

const port = 4200;
const highway = demo.alliances.highway;

let hub: RunningStack;
let url: string;
let coordinator: string;
let before: Record<string, number>;

beforeAll(async () => {
  // A web app of one page, so paths reach the static files. The rate limit is limits.e2e's
  // subject; here hundreds of requests come from one address.
  const webDist = mkdtempSync(join(tmpdir(), 'hostile-web-'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>hub</title>');
  // No sweeps: they write on their own (automatic reminders, the claim hall's entries), and this
  // file checks that hostile requests write nothing.
  hub = await startTestHub(port, { webDist, env: { HUB_RATE_LIMIT_PER_MINUTE: '10000000', HUB_REMINDER_SWEEP_MS: '0' } });
  url = hub.gatewayUrl;
  coordinator = `Bearer ${await tokenFor(people.coordinator, 'hostile-coordinator')}`;
  await untilRelayed(hub);
  before = await rowCounts(hub);
});

afterAll(async () => {
  await hub?.stop();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  send(url, { body, headers: { authorization: coordinator, ...headers } });
const get = (params: Record<string, string>) =>
  send(url, { path: `/graphql?${new URLSearchParams(params)}`, headers: { authorization: coordinator } });
const ws = (payload: { query: string; operationName?: string; variables?: Record<string, unknown> }) =>
  overWebSocket(url, payload, coordinator);

/** The same operation over POST and graphql-ws (and GET when its URL stays short): refused alike. */
async function refusedEverywhere(
  label: string,
  payload: { query: string; operationName?: string; variables?: Record<string, unknown> },
  codes: string[],
) {
  expectRefused(await post(payload), codes, 400, `${label} over POST`);
  expectRefused(await ws(payload), codes, 0, `${label} over WebSocket`);
  if (payload.query.length < 8000 && !payload.query.trimStart().startsWith('mutation')) {
    const params: Record<string, string> = { query: payload.query };
    if (payload.operationName !== undefined) {
      params.operationName = payload.operationName;
    }
    if (payload.variables) {
      params.variables = JSON.stringify(payload.variables);
    }
    expectRefused(await get(params), codes, 400, `${label} over GET`);
  }
}

/** Bytes of `text` in a JSON body. */
const jsonBytes = (text: string) => Buffer.byteLength(JSON.stringify(text));

/** Largest repetition of `unit` inside `wrap` that keeps the request under the 100,000-byte body limit. */
function repeated(unit: string, times: number, wrap: (inner: string) => string): string {
  const fits = Math.floor((99_000 - jsonBytes(wrap(''))) / (jsonBytes(unit) - 2));
  return wrap(unit.repeat(Math.min(times, fits)));
}

/** Fragments F0…F(depth-1) each spreading the next `fanOut` times, the last selecting a few fields. */
function fragmentChain(depth: number, fanOut: number, root = '{ alliances { ...F0 } }'): string {
  const links = Array.from({ length: depth }, (_, i) => `fragment F${i} on Alliance { id ${`...F${i + 1} `.repeat(fanOut)}}`);
  return `${root} ${links.join(' ')} fragment F${depth} on Alliance { name members { name } }`;
}

describe('repeated fields', () => {
  const shapes: [string, (n: number) => string][] = [
    ['a leaf', (n) => repeated('id ', n, (inner) => `{ alliances { ${inner}} }`)],
    ['a field with a selection', (n) => repeated('members { name } ', n, (inner) => `{ alliances { ${inner}} }`)],
    ['a root field', (n) => repeated('alliances { id } ', n, (inner) => `{ ${inner}}`)],
    [
      'a nested selection',
      (n) => repeated('members { name name name } ', n, (inner) => `{ alliances { members { partner { id } } ${inner}} }`),
    ],
    [
      'a mutation',
      (n) => repeated('createAlliance(input: { name: "重复", coordinatorName: "x" }) { id } ', n, (inner) => `mutation { ${inner}}`),
    ],
  ];

  for (const [shape, make] of shapes) {
    it.each([
      301, 1000, 4000, 10_000, 30_000,
    ])(`refuses ${shape} repeated %i times (up to the body limit), as QUERY_TOO_COMPLEX or beyond the token limit`, async (n) => {
      await refusedEverywhere(`${shape} ×${n}`, { query: make(n) }, ['QUERY_TOO_COMPLEX', 'GRAPHQL_PARSE_FAILED']);
    });
  }

  it('counts fields no operation runs: an unused fragment, another operation in the document', async () => {
    const heavy = `alliances { ${'id '.repeat(1000)}}`;
    await refusedEverywhere('an unused fragment', { query: `{ alliances { id } } fragment Unused on Query { ${heavy} }` }, [
      'QUERY_TOO_COMPLEX',
    ]);
    await refusedEverywhere('another operation', { query: `query A { alliances { id } } query B { ${heavy} }`, operationName: 'A' }, [
      'QUERY_TOO_COMPLEX',
    ]);
  });

  it('answers a selection within the limits', async () => {
    const answer = await post({ query: `{ alliances { ${'id '.repeat(250)}} }` });
    expect(answer.status).toBe(200);
    expect(answer.codes).toEqual([]);
  });
});

describe('fragment fan-out', () => {
  const chains = [10, 15, 20, 25, 30].flatMap((depth) => [2, 3].map((fanOut) => [depth, fanOut] as const));

  it.each(chains)('refuses a chain of %i fragments each spreading the next %i times, as QUERY_TOO_COMPLEX', async (depth, fanOut) => {
    await refusedEverywhere(`chain ${depth}×${fanOut}`, { query: fragmentChain(depth, fanOut) }, ['QUERY_TOO_COMPLEX']);
  });

  it('refuses a chain inside a mutation and one behind nested aliases', async () => {
    await refusedEverywhere(
      'in a mutation',
      { query: fragmentChain(25, 2, 'mutation { a: createAlliance(input: { name: "x", coordinatorName: "y" }) { ...F0 } }') },
      ['QUERY_TOO_COMPLEX'],
    );
    await refusedEverywhere(
      'behind aliases',
      { query: fragmentChain(25, 2, `{ a: alliance(id: "${highway}") { b: members { c: name } ...F0 } }`) },
      ['QUERY_TOO_COMPLEX'],
    );
  });

  it('refuses fragment cycles as GRAPHQL_VALIDATION_FAILED and more than 50 fragments as QUERY_TOO_COMPLEX', async () => {
    await refusedEverywhere('a fragment spreading itself', { query: '{ alliances { ...A } } fragment A on Alliance { id ...A }' }, [
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    const cycle =
      '{ alliances { ...A } } fragment A on Alliance { ...B } fragment B on Alliance { members { name } ...C } fragment C on Alliance { ...A }';
    await refusedEverywhere('a cycle of three', { query: cycle }, ['GRAPHQL_VALIDATION_FAILED']);
    const many = Array.from({ length: 60 }, (_, i) => `fragment F${i} on Alliance { id }`).join(' ');
    await refusedEverywhere('60 fragments', { query: `{ alliances { ...F0 } } ${many}` }, ['QUERY_TOO_COMPLEX']);
  });
});

describe('page sizes that would lower the cost', () => {
  const heavy = `heavy: coBuildingList(first: 1000) { edges { node { id title history { actor at field oldValue newValue } progressReports { percent text reportedAt } } } }`;
  const withPage = (first: string, declaration = '') =>
    `query Page($id: ID!${declaration}) { a: alliance(id: $id) { ${heavy} light: coBuildingList(first: ${first}) { totalCount } } }`;

  it('refuses a negative first beside an over-cost field with BAD_USER_INPUT, as a literal, a variable or its default', async () => {
    for (const value of [-1, -20, -1000, -2_147_483_648]) {
      const cases: [string, { query: string; variables: Record<string, unknown> }][] = [
        ['literal', { query: withPage(String(value)), variables: { id: highway } }],
        ['variable', { query: withPage('$n', ', $n: Int'), variables: { id: highway, n: value } }],
        ['default', { query: withPage('$n', `, $n: Int = ${value}`), variables: { id: highway } }],
        [
          'nested aliases in a fragment',
          {
            query: `query($id: ID!) { x: alliance(id: $id) { ...P y: coBuildingList(first: 1000) { edges { node { id title history { actor at } } } } } } fragment P on Alliance { z: coBuildingList(first: ${value}) { w: totalCount } }`,
            variables: { id: highway },
          },
        ],
      ];
      for (const [how, payload] of cases) {
        await refusedEverywhere(`first ${value} (${how})`, payload, ['BAD_USER_INPUT']);
      }
    }
  });

  it('does not let a zero, huge or malformed first discount the cost: the over-cost operation stays refused', async () => {
    const literals = ['0', '2147483647', '99999999999', '1.5', '"20"', 'null'];
    for (const literal of literals) {
      await refusedEverywhere(`first: ${literal}`, { query: withPage(literal), variables: { id: highway } }, [
        'QUERY_TOO_COMPLEX',
        'GRAPHQL_VALIDATION_FAILED',
      ]);
    }
    for (const value of [0, 1.5, 2_147_483_647, 1e300, '1000', 'NaN', null, true, [], {}]) {
      await refusedEverywhere(
        `$n = ${JSON.stringify(value)}`,
        { query: withPage('$n', ', $n: Int'), variables: { id: highway, n: value } },
        ['QUERY_TOO_COMPLEX', 'BAD_USER_INPUT'],
      );
    }
    // 1e400 is JSON for Infinity once parsed: only a raw body can carry it.
    const infinite = `{"query":${JSON.stringify(withPage('$n', ', $n: Int'))},"variables":{"id":"${highway}","n":1e400}}`;
    expectRefused(await post(infinite), ['QUERY_TOO_COMPLEX'], 400, '$n = 1e400');
  });

  it('answers a modest page', async () => {
    const answer = await post({ query: withPage('5').replace(heavy, ''), variables: { id: highway } });
    expect(answer.codes).toEqual([]);
    expect(answer.status).toBe(200);
  });
});

describe('requests without one clear operation', () => {
  const two = 'query A { alliances { id } } query B { alliances { name } }';

  it.each([
    ['an operationName naming no operation', { query: 'query A { alliances { id } }', operationName: 'B' }],
    ['an operationName on an anonymous operation', { query: '{ alliances { id } }', operationName: 'A' }],
    ['an empty operationName', { query: two, operationName: '' }],
    ['an operationName naming a fragment', { query: `${two} fragment F on Alliance { id }`, operationName: 'F' }],
    ['two operations and no operationName', { query: two }],
    ['only a fragment', { query: 'fragment F on Alliance { id }' }],
  ])('refuses %s with BAD_USER_INPUT, over POST, GET and WebSocket', async (label, payload) => {
    await refusedEverywhere(label, payload, ['BAD_USER_INPUT']);
  });

  it('runs the named operation of several', async () => {
    const answer = await post({ query: two, operationName: 'B' });
    expect(answer.codes).toEqual([]);
    expect((answer.data as { alliances: { name: string }[] }).alliances.length).toBeGreaterThan(0);
  });

  it('refuses a subscription over HTTP with BAD_REQUEST, POST and GET alike', async () => {
    const subscription = `subscription { coBuildingListChanged(allianceId: "${highway}") { cursor } }`;
    expectRefused(await post({ query: subscription }), ['BAD_REQUEST'], 400, 'POST');
    expectRefused(await get({ query: subscription }), ['BAD_REQUEST'], 400, 'GET');
    expectRefused(
      await post({ query: `query Q { alliances { id } } ${subscription.replace('subscription', 'subscription S')}`, operationName: 'S' }),
      ['BAD_REQUEST'],
      400,
      'named',
    );
  });

  it('refuses a mutation over GET with 405', async () => {
    const answer = await get({ query: 'mutation { createAlliance(input: { name: "经由GET", coordinatorName: "x" }) { id } }' });
    expectRefused(answer, ['BAD_REQUEST'], 405);
  });

  it('answers parse and validation errors over WebSocket with the codes HTTP answers carry', async () => {
    for (const [query, code] of [
      ['{ alliances { id }', 'GRAPHQL_PARSE_FAILED'],
      ['{ alliances { nope } }', 'GRAPHQL_VALIDATION_FAILED'],
      ['{ alliance(id: true) { id } }', 'GRAPHQL_VALIDATION_FAILED'],
    ] as const) {
      expectRefused(await post({ query }), [code], 400, `${query} over POST`);
      expectRefused(await ws({ query }), [code], 0, `${query} over WebSocket`);
    }
    const subscription = `subscription { coBuildingListChanged(allianceId: "${highway}") { nope } }`;
    expectRefused(await ws({ query: subscription }), ['GRAPHQL_VALIDATION_FAILED'], 0, 'an invalid subscription');
    const badVariable = { query: 'query($id: ID!) { alliance(id: $id) { id } }', variables: { id: { not: 'an id' } } };
    expectRefused(await post(badVariable), ['BAD_USER_INPUT'], 400, 'a variable of the wrong type over POST');
    expectRefused(await ws(badVariable), ['BAD_USER_INPUT'], 0, 'a variable of the wrong type over WebSocket');
  });
});

/** Sends raw bytes as an HTTP request and returns the status line's code (0 when the connection just closed). */
function rawRequest(text: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // Written, not ended: a half-closed socket may be closed before an asynchronous answer.
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => {
      const answer = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), text: answer });
    });
  });
}

describe('malformed requests', () => {
  it.each([
    '/%E0%A4%A',
    '/%',
    '/%ZZ',
    '/%C0%AF',
    '/%ED%A0%80',
    '/graphql/%E0%A4%A',
    '/%00',
    '/a%00.html',
    '//[',
  ])('answers GET %s with a 4xx, not a 500', async (path) => {
    const answer = await rawRequest(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expect(answer.status, answer.text.slice(0, 200)).toBeGreaterThanOrEqual(400);
    expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
    expectClean({ status: answer.status, codes: [], messages: [], data: null, text: answer.text });
  });

  it('answers malformed request targets and query strings with a 4xx, or the page where they are harmless', async () => {
    const targets: [string, number][] = [
      ['http://[', 400],
      ['http://gateway/%E0%A4%A', 400],
      ['/graphql?query=%E0%A4%A', 400],
      ['/graphql?query={alliances{id}}&variables=%7Bx', 400],
      ['/graphql?query={alliances{id}}&operationName=%E0%A4%A', 400],
      ['/?%E0%A4%A', 200],
      ['/..%2f..%2fetc%2fpasswd', 200],
      ['/..%5c..%5cetc%5cpasswd', 200],
      ['*', 200],
    ];
    for (const [target, status] of targets) {
      const answer = await rawRequest(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\napollo-require-preflight: 1\r\nConnection: close\r\n\r\n`,
      );
      expect(answer.status, `${target}: ${answer.text.slice(0, 200)}`).toBe(status);
      expectClean({ status: answer.status, codes: [], messages: [], data: null, text: answer.text }, target);
      expect(answer.text, target).not.toContain('root:');
    }
  });

  it.each([
    ['not JSON', '{"query":', 'BAD_REQUEST'],
    ['a JSON array (a batch)', '[{"query":"{ alliances { id } }"}]', 'BAD_REQUEST'],
    ['JSON null', 'null', 'BAD_REQUEST'],
    ['a JSON string', '"{ alliances { id } }"', 'BAD_REQUEST'],
    ['a query that is a number', '{"query":5}', 'BAD_REQUEST'],
    ['no query', '{"variables":{}}', 'BAD_REQUEST'],
    ['a persisted-query hash alone', '{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}', 'BAD_REQUEST'],
    ['variables that are a string', '{"query":"{ alliances { id } }","variables":"{}"}', 'BAD_REQUEST'],
    ['variables that are an array', '{"query":"{ alliances { id } }","variables":[]}', 'BAD_REQUEST'],
    ['an operationName that is a number', '{"query":"{ alliances { id } }","operationName":1}', 'BAD_REQUEST'],
    ['50,000 nested arrays', `${'['.repeat(50_000)}${']'.repeat(49_000)}`, 'BAD_REQUEST'],
    ['a NUL in the query', '{"query":"{ alliances { id\\u0000 } }"}', 'GRAPHQL_PARSE_FAILED'],
  ])('refuses a POST body with %s: 400', async (_label, body, code) => {
    expectRefused(await post(body), [code], 400, _label);
  });

  it('refuses a body a browser could send cross-site, and other methods', async () => {
    expectRefused(
      await send(url, {
        body: '{"query":"{ alliances { id } }"}',
        headers: { 'content-type': 'text/plain', 'apollo-require-preflight': '' },
      }),
      ['BAD_REQUEST'],
      400,
    );
    expectRefused(await send(url, { method: 'PUT', body: '{"query":"{ alliances { id } }"}' }), ['BAD_REQUEST'], 405);
  });
});

describe('tokens', () => {
  const now = Math.floor(Date.now() / 1000);
  const secret = new TextEncoder().encode('dev-jwt-secret-for-demo-tokens-only-0123456789');
  const claims = { role: 'viewer', name: '数据大屏' };
  const signed = (edit: (jwt: SignJWT) => SignJWT, payload: Record<string, unknown> = claims) =>
    edit(
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('hostile')
        .setIssuer('party-alliance-hub')
        .setAudience('party-alliance-hub'),
    ).sign(secret);

  const tokens: [string, () => Promise<string>][] = [
    ['without exp', () => signed((jwt) => jwt.setIssuedAt())],
    ['without exp, as a coordinator', () => signed((jwt) => jwt, { role: 'coordinator' })],
    [
      'with alg none',
      async () =>
        `Bearer ${new UnsecuredJWT(claims).setSubject('hostile').setIssuer('party-alliance-hub').setAudience('party-alliance-hub').setExpirationTime('1h').encode()}`,
    ],
    ['for another audience', () => userToken(claims, { audience: 'another-app' })],
    ['from another issuer', () => userToken(claims, { issuer: 'someone-else' })],
    ['signed with another secret', () => userToken(claims, { secret: 'another-secret-of-at-least-32-characters!' })],
    ['expired', () => userToken(claims, { expiresInSeconds: -60 })],
    ['with a malformed partnerId', () => userToken({ role: 'partner_editor', partnerId: "x' or 1=1" })],
    ['with a NUL in its name', () => userToken({ role: 'viewer', name: 'a\u0000b' })],
    ['with a 300-character subject', () => userToken(claims, { subject: 's'.repeat(300) })],
    ['with an unknown role', () => userToken({ role: 'admin' })],
    ['with exp as text', () => signed((jwt) => jwt, { ...claims, exp: String(now + 3600) })],
  ];

  it.each(tokens)('refuses a token %s: 401 UNAUTHENTICATED over HTTP, the connection over WebSocket', async (_label, make) => {
    const token = await make();
    const authorization = token.startsWith('Bearer ') ? token : `Bearer ${token}`;
    const answer = await send(url, { body: { query: '{ alliances { id } }' }, headers: { authorization } });
    expectRefused(answer, ['UNAUTHENTICATED'], 401);
    const socket = await overWebSocket(url, { query: '{ alliances { id } }' }, authorization);
    expect(socket.codes).toEqual(['close:4403']);
  });

  it('says so clearly when a token has no expiry', async () => {
    const answer = await send(url, {
      body: { query: '{ alliances { id } }' },
      headers: { authorization: `Bearer ${await signed((jwt) => jwt)}` },
    });
    expect(answer.messages).toEqual(['The token has no expiry time (exp); sign in again for a token that expires']);
  });

  it.each([
    'Bearer',
    'Bearer ',
    'Basic dXNlcjpwYXNz',
    'Bearer a.b.c',
    `Bearer ${'x'.repeat(8000)}`,
    'bearer\u00a0x',
  ])('refuses the Authorization header %j with 401', async (authorization) => {
    expectRefused(await send(url, { body: { query: '{ alliances { id } }' }, headers: { authorization } }), ['UNAUTHENTICATED'], 401);
  });

  it('still accepts a valid token', async () => {
    const answer = await send(url, {
      body: { query: '{ alliances { id } }' },
      headers: { authorization: `Bearer ${await userToken(claims)}` },
    });
    expect(answer.status).toBe(200);
  });
});

describe('demo sign-in', () => {
  it.each([
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__defineGetter__',
    'prototype',
    '',
  ])('refuses %j with 400 BAD_USER_INPUT and no token', async (user) => {
    const answer = await send(url, { path: '/auth/demo-login', body: { user } });
    expectRefused(answer, ['BAD_USER_INPUT'], 400);
    expect(answer.text).not.toContain('token');
  });

  it('signs in a demo user', async () => {
    const answer = await send(url, { path: '/auth/demo-login', body: { user: 'viewer' } });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).token).toMatch(/^ey/);
  });
});

describe('the gateway under the worst of these', () => {
  it('keeps answering /health within a second while they run concurrently, over HTTP and WebSocket', async () => {
    const worst = [
      { query: repeated('id ', 40_000, (inner) => `{ alliances { ${inner}} }`) },
      { query: repeated('members { name } ', 40_000, (inner) => `{ alliances { ${inner}} }`) },
      { query: `{ alliances { ${'members { name } '.repeat(149)}} }` },
      { query: fragmentChain(30, 3) },
      { query: `{ alliances { id } } fragment Unused on Query { alliances { ${'id '.repeat(4000)}} }` },
    ];
    let running = true;
    const load = (async () => {
      const answers: Answer[] = [];
      while (running) {
        answers.push(...(await Promise.all(worst.flatMap((payload) => [post(payload), post(payload), ws(payload)]))));
      }
      return answers;
    })();
    const latencies: number[] = [];
    const started = Date.now();
    while (Date.now() - started < 8_000) {
      const t = performance.now();
      const health = await fetch(new URL('/health', url));
      await health.text();
      latencies.push(performance.now() - t);
      expect(health.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    running = false;
    const answers = await load;
    expect(answers.length).toBeGreaterThan(worst.length * 3);
    for (const answer of answers) {
      expectClean(answer, 'under load');
    }
    // Generous: a frozen gateway takes seconds; a busy one on a shared 2-core machine, some milliseconds.
    expect(Math.max(...latencies)).toBeLessThan(1000);
  });
});

it('wrote nothing in any database', async () => {
  await untilRelayed(hub);
  expect(await rowCounts(hub)).toEqual(before);
});
