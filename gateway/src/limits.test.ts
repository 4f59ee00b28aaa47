import { buildSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { enforceLimits, measureOperation, RateLimiter } from './limits.ts';

const schema = buildSchema(`
  type Query { alliance(id: ID!): Alliance alliances: [Alliance!]! }
  type Alliance { id: ID! name: String! list(first: Int = 20): Connection! members: [Member!]! }
  type Connection { edges: [Edge!]! total: Int! }
  type Edge { node: Item }
  type Item { id: ID! title: String! }
  type Member { name: String! }
`);

function measure(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
  );
  return measureOperation(schema, operation, fragments, variables);
}

describe('query measurement', () => {
  it('counts depth through fragments and aliases wherever they are', () => {
    const measured = measure(
      `{ a: alliance(id: "1") { ...F } b: alliance(id: "2") { id } } fragment F on Alliance { list { edges { node { id } } } }`,
    );
    expect(measured.depth).toBe(5);
    expect(measured.aliases).toBe(2);
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

  it('does not loop on a fragment that spreads itself', () => {
    expect(() => measure('{ alliance(id: "1") { ...A } } fragment A on Alliance { id ...A }')).not.toThrow();
  });

  it('refuses what exceeds a limit with QUERY_TOO_COMPLEX, naming the limit', () => {
    const limits = { maxDepth: 3, maxAliases: 1, maxCost: 50 };
    expect(() => enforceLimits({ depth: 4, aliases: 0, cost: 1 }, limits)).toThrow('Query depth 4 exceeds the maximum of 3');
    expect(() => enforceLimits({ depth: 1, aliases: 2, cost: 1 }, limits)).toThrow('2 aliases; the maximum is 1');
    try {
      enforceLimits({ depth: 1, aliases: 0, cost: 51 }, limits);
      expect.unreachable();
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('QUERY_TOO_COMPLEX');
    }
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
