import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { planSubscription } from './completion.ts';

const schema = buildSchema(`
  type Query { listChange(cursor: String!): Change }
  type Subscription { listChanged(allianceId: ID!, after: String): Change! }
  type Change { cursor: String! item: Item }
  type Item { id: ID! title(lang: String): String! }
`);

function plan(query: string, variables: Record<string, unknown>) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) {
    throw new Error('no operation');
  }
  return planSubscription(schema, document, operation, variables);
}

describe('planning a live subscription', () => {
  it('subscribes upstream for cursors only, with the root field’s arguments as variables', () => {
    const planned = plan('subscription($a: ID!) { listChanged(allianceId: $a) { cursor item { title } } }', { a: 'x' });
    expect(planned.upstreamQuery).toBe(
      'subscription Live($allianceId: ID!, $after: String) { listChanged(allianceId: $allianceId, after: $after) { cursor } }',
    );
    expect(planned.upstreamVariables).toEqual({ allianceId: 'x' });
    expect(planned.after).toBeNull();
  });

  it('gives one stream key to clients that differ only in their cursor or how they pass it', () => {
    const selection = '{ cursor item { title } }';
    const keys = [
      plan(`subscription($a: ID!) { listChanged(allianceId: $a) ${selection} }`, { a: 'x' }),
      plan(`subscription($a: ID!, $after: String) { listChanged(allianceId: $a, after: $after) ${selection} }`, { a: 'x', after: '7' }),
      plan(`subscription { listChanged(allianceId: "x", after: "12") ${selection} }`, {}),
      plan(`subscription W($id: ID!, $unused: Int) { listChanged(allianceId: $id, after: null) ${selection} }`, { id: 'x', unused: 3 }),
    ].map((planned) => planned.streamKey);
    expect(new Set(keys).size).toBe(1);
    const other = plan(`subscription { listChanged(allianceId: "y") ${selection} }`, {});
    expect(other.streamKey).not.toBe(keys[0]);
    expect(plan(`subscription { listChanged(allianceId: "x", after: "12") ${selection} }`, {}).after).toBe('12');
  });

  it('completes each event with the client’s selection, alias, fragments and the variables it uses', () => {
    const planned = plan(
      `subscription Watch($a: ID!, $after: String, $lang: String) {
         feed: listChanged(allianceId: $a, after: $after) { cursor item { ...Bits } }
       }
       fragment Bits on Item { id title(lang: $lang) }`,
      { a: 'x', after: '41', lang: 'zh' },
    );
    expect(planned.responseKey).toBe('feed');
    expect(planned.after).toBe('41');
    expect(planned.completionQuery).toContain('query LiveCompletion($__cursor: String!, $lang: String)');
    expect(planned.completionQuery).toContain('feed: listChange(cursor: $__cursor)');
    expect(planned.completionQuery).toContain('fragment Bits on Item');
    expect(planned.completionVariables).toEqual({ lang: 'zh' });
    expect(() => parse(planned.completionQuery)).not.toThrow();
  });
});
