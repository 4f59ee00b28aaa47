import { buildSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { admitOperation, type GraphQLParams, measureOperation, type QueryLimits, RateLimiter } from './limits.ts';

const schema = buildSchema(`
  type Query { alliance(id: ID!): Alliance alliances: [Alliance!]! }
  type Subscription { changed(id: ID!): Alliance }
  type Alliance { id: ID! name: String! list(first: Int = 20): Connection! members: [Member!]! }
  type Connection { edges: [Edge!]! total: Int! }
  type Edge { node: Item }
  type Item { id: ID! title: String! }
  type Member { name: String! }
`);

function measure(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  return measureOperation(schema, document, operation, variables);
}

const limits: QueryLimits = { maxTokens: 2000, maxFragments: 50, maxFields: 300, maxDepth: 12, maxAliases: 30, maxCost: 50_000 };

/** The codes an admission refuses with ([] when admitted) and its first message. */
function refusal(params: GraphQLParams, transport: 'http' | 'websocket' = 'http', within: QueryLimits = limits) {
  const admitted = admitOperation(schema, params, within, transport);
  return 'errors' in admitted
    ? { codes: admitted.errors.map((e) => e.extensions.code), message: admitted.errors[0]?.message }
    : { codes: [], message: '' };
}

/** Fragments F0…F(n-1), each spreading the next one `fanOut` times; the last selects `id name`. */
function fragmentChain(n: number, fanOut: number): string {
  const links = Array.from({ length: n }, (_, i) => `fragment F${i} on Alliance { ${`...F${i + 1} `.repeat(fanOut)}}`);
  return `{ alliances { ...F0 } } ${links.join(' ')} fragment F${n} on Alliance { id name }`;
}

describe('query measurement', () => {
  it('counts depth through fragments and aliases wherever they are', () => {
    const measured = measure(
      `{ a: alliance(id: "1") { ...F } b: alliance(id: "2") { id } } fragment F on Alliance { list { edges { node { id } } } }`,
    );
    expect(measured.depth).toBe(5);
    expect(measured.aliases).toBe(2);
    expect(measured.fields).toBe(7);
  });

  it('multiplies by first (given, from a variable, its default, or the schema default) and counts the edges once', () => {
    const given = measure('{ alliance(id: "1") { list(first: 100) { edges { node { id title } } } } }').cost;
    const fromVariable = measure('query($n: Int) { alliance(id: "1") { list(first: $n) { edges { node { id title } } } } }', {
      n: 100,
    }).cost;
    const fromDefault = measure('query($n: Int = 100) { alliance(id: "1") { list(first: $n) { edges { node { id title } } } } }').cost;
    const schemaDefault = measure('{ alliance(id: "1") { list { edges { node { id title } } } } }').cost;
    expect(fromVariable).toBe(given);
    expect(fromDefault).toBe(given);
    expect(schemaDefault).toBeLessThan(given);
    expect(given).toBeGreaterThan(100 * 3);
    expect(given).toBeLessThan(100 * 3 * 10);
  });

  it('assumes ten items for a list field without first', () => {
    expect(measure('{ alliances { members { name } } }').cost).toBe(1 + 10 * (1 + 10 * 1));
  });

  it('counts every repeated field, though validation and execution merge them', () => {
    expect(measure(`{ alliances { ${'id '.repeat(4000)} } }`).fields).toBe(4001);
  });

  it('measures each fragment once, so a chain of fragments each spreading the next twice stays linear', () => {
    for (const depth of [10, 20, 30, 200]) {
      const measured = measure(fragmentChain(depth, 2));
      expect(measured.fields).toBe(1 + 2 ** depth * 2);
      expect(measured.depth).toBe(2);
    }
    expect(measure(fragmentChain(1000, 3)).cost).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses a fragment that spreads itself, directly or through others, as GRAPHQL_VALIDATION_FAILED', () => {
    for (const query of [
      '{ alliance(id: "1") { ...A } } fragment A on Alliance { id ...A }',
      '{ alliance(id: "1") { ...A } } fragment A on Alliance { ...B } fragment B on Alliance { members { name } ...A }',
    ]) {
      expect(refusal({ query }).codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });

  it('refuses a negative first as BAD_USER_INPUT, however it is given, and counts zero as one item', () => {
    const list = (first: string) => `alliance(id: "1") { list(first: ${first}) { edges { node { id title } } } }`;
    const attempts: GraphQLParams[] = [
      { query: `{ ${list('-1')} }` },
      { query: `{ ${list('-1000000')} }` },
      { query: `query($n: Int) { ${list('$n')} }`, variables: { n: -5 } },
      { query: `query($n: Int = -5) { ${list('$n')} }` },
      { query: `query($n: Int) { ${list('$n')} a: ${list('1000')} }`, variables: { n: -1 } },
    ];
    for (const params of attempts) {
      expect(refusal(params).codes, String(params.query)).toEqual(['BAD_USER_INPUT']);
    }
    expect(measure(`{ ${list('0')} }`).cost).toBe(measure(`{ ${list('1')} }`).cost);
  });
});

describe('admission', () => {
  it('admits an ordinary operation, naming its operation', () => {
    const admitted = admitOperation(
      schema,
      { query: 'query A { alliances { id } } query B { alliances { name } }', operationName: 'B' },
      limits,
      'http',
    );
    expect('operation' in admitted && admitted.operation.name?.value).toBe('B');
  });

  it('refuses what exceeds a limit with QUERY_TOO_COMPLEX, naming the limit', () => {
    const tight: QueryLimits = { ...limits, maxDepth: 3, maxAliases: 1, maxCost: 50, maxFields: 10 };
    expect(refusal({ query: '{ alliance(id: "1") { list { edges { node { id } } } } }' }, 'http', tight).message).toBe(
      'Query depth 5 exceeds the maximum of 3',
    );
    expect(refusal({ query: '{ a: alliances { id } b: alliances { id } }' }, 'http', tight).message).toBe(
      'Query uses 2 aliases; the maximum is 1',
    );
    expect(refusal({ query: '{ alliances { members { name } } }' }, 'http', { ...tight, maxCost: 100 }).message).toMatch(
      /^Query cost 111 exceeds the maximum of 100/,
    );
    expect(refusal({ query: `{ alliances { ${'id '.repeat(10)} } }` }, 'http', tight).message).toBe(
      'Query selects 11 fields; the maximum is 10',
    );
    for (const query of [
      '{ alliance(id: "1") { list { edges { node { id } } } } }',
      `{ alliances { ${'id '.repeat(10)} } }`,
      `{ alliances { ...F0 } } ${fragmentChain(30, 2).slice('{ alliances { ...F0 } } '.length)}`,
    ]) {
      expect(refusal({ query }, 'websocket', tight).codes).toEqual(['QUERY_TOO_COMPLEX']);
    }
  });

  it('refuses repeated fields and fragment fan-out, as written and as expanded, before validating anything', () => {
    for (const n of [301, 1000, 4000, 10_000]) {
      const repeated = `{ alliances { ${'id '.repeat(n)} } }`;
      expect(refusal({ query: repeated }, 'http', { ...limits, maxTokens: 20_000 }).codes).toEqual(['QUERY_TOO_COMPLEX']);
    }
    // Fields no operation runs are still validated: an unused fragment and a second operation count too.
    const heavy = `alliances { ${'id '.repeat(400)} }`;
    expect(refusal({ query: `{ alliances { id } } fragment Unused on Query { ${heavy} }` }).codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect(refusal({ query: `query A { alliances { id } } query B { ${heavy} }`, operationName: 'A' }).codes).toEqual([
      'QUERY_TOO_COMPLEX',
    ]);
    for (const depth of [10, 20, 30]) {
      expect(refusal({ query: fragmentChain(depth, 2) }).codes).toEqual(['QUERY_TOO_COMPLEX']);
    }
    const manyFragments = Array.from({ length: 51 }, (_, i) => `fragment F${i} on Alliance { id }`).join(' ');
    expect(refusal({ query: `{ alliances { id } } ${manyFragments}` }).message).toBe('Query defines 51 fragments; the maximum is 50');
  });

  it('stops parsing beyond the token limit: GRAPHQL_PARSE_FAILED', () => {
    expect(refusal({ query: `{ alliances { ${'id '.repeat(3000)} } }` }).codes).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(refusal({ query: '{ alliances { id }' }).codes).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('refuses a request without one clear operation: BAD_USER_INPUT, or BAD_REQUEST for its shape', () => {
    const two = 'query A { alliances { id } } query B { alliances { id } }';
    expect(refusal({ query: two }).message).toBe('The document has 2 operations; name the one to run in operationName');
    expect(refusal({ query: two, operationName: 'C' }).codes).toEqual(['BAD_USER_INPUT']);
    expect(refusal({ query: '{ alliances { id } }', operationName: 'A' }).codes).toEqual(['BAD_USER_INPUT']);
    expect(refusal({ query: 'fragment F on Alliance { id }' }).codes).toEqual(['BAD_USER_INPUT']);
    for (const params of [
      {},
      { query: 5 },
      { query: '  ' },
      { query: '{ alliances { id } }', operationName: 1 },
      { query: '{ alliances { id } }', variables: [] },
    ]) {
      expect(refusal(params).codes, JSON.stringify(params)).toEqual(['BAD_REQUEST']);
    }
  });

  it('takes subscriptions over WebSocket only', () => {
    const subscription = { query: 'subscription { changed(id: "1") { id } }' };
    expect(refusal(subscription, 'http').codes).toEqual(['BAD_REQUEST']);
    expect(refusal(subscription, 'websocket').codes).toEqual([]);
  });

  it('validates over WebSocket, with the codes HTTP answers carry', () => {
    expect(refusal({ query: '{ alliances { nope } }' }, 'websocket').codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(
      refusal({ query: 'query($id: ID!) { alliance(id: $id) { id } }', variables: { id: { not: 'an id' } } }, 'websocket').codes,
    ).toEqual(['BAD_USER_INPUT']);
    // Over HTTP, Apollo Server validates next.
    expect(refusal({ query: '{ alliances { nope } }' }, 'http').codes).toEqual([]);
  });
});

describe('the rate limiter', () => {
  it('lets a burst through, then makes the caller wait, and refills over time', () => {
    const limiter = new RateLimiter(60); // one a second, bursts of 10
    const start = 1_000_000;
    for (let i = 0; i < 10; i += 1) {
      expect(limiter.take('a', start).allowed).toBe(true);
    }
    expect(limiter.take('a', start)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b', start).allowed).toBe(true);
    expect(limiter.take('a', start + 1000).allowed).toBe(true);
  });
});
