import type { CapturedResponse } from '@hub/http';
import { type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { allianceScope } from './alliance-scope.ts';
import { everyAlliance, ResponseSharing } from './response-sharing.ts';

const ok = (body = '{"data":{"x":1}}'): CapturedResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(body),
});

/** An execution the test finishes by hand, counting how often it was started. */
function controlled() {
  let runs = 0;
  const pending: { resolve: (response: CapturedResponse) => void; reject: (error: Error) => void }[] = [];
  return {
    execute: () => {
      runs += 1;
      return new Promise<CapturedResponse>((resolve, reject) => {
        pending.push({ resolve, reject });
      });
    },
    finish: (response = ok()) => pending.shift()?.resolve(response),
    fail: (error: Error) => pending.shift()?.reject(error),
    get runs() {
      return runs;
    },
  };
}

function sharing(options: Partial<ConstructorParameters<typeof ResponseSharing>[0]> = {}) {
  const shared = new ResponseSharing({ cache: true, maxBytes: 1024 * 1024, maxAgeMs: 60_000, ...options });
  shared.setFeedFollowed(true);
  return shared;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('sharing identical reads in flight', () => {
  it('runs once for any number of identical requests arriving while it runs', async () => {
    const shared = sharing({ cache: false });
    const run = controlled();
    const answers = Array.from({ length: 25 }, () => shared.answer('k', ['a'], true, run.execute));
    await flush();
    run.finish(ok('{"data":{"n":7}}'));
    const results = await Promise.all(answers);
    expect(run.runs).toBe(1);
    expect(results.map((r) => r.outcome).sort()).toEqual(['executed', ...Array(24).fill('joined')].sort());
    expect(new Set(results.map((r) => r.response.body.toString()))).toEqual(new Set(['{"data":{"n":7}}']));
  });

  it('never shares between different keys (visibility, variables, text are in the key)', async () => {
    const shared = sharing({ cache: false });
    const run = controlled();
    const first = shared.answer('anonymous|A', ['a'], true, run.execute);
    const second = shared.answer('partner_editor:p1|A', ['a'], false, run.execute);
    await flush();
    run.finish(ok('{"data":"one"}'));
    run.finish(ok('{"data":"two"}'));
    expect((await first).response.body.toString()).toBe('{"data":"one"}');
    expect((await second).response.body.toString()).toBe('{"data":"two"}');
    expect(run.runs).toBe(2);
  });

  it('passes a failure to everyone who joined, keeps nothing, and runs afresh next time', async () => {
    const shared = sharing();
    const run = controlled();
    const answers = [shared.answer('k', ['a'], true, run.execute), shared.answer('k', ['a'], true, run.execute)];
    await flush();
    run.fail(new Error('subgraph exploded'));
    for (const answer of answers) {
      await expect(answer).rejects.toThrow('subgraph exploded');
    }
    const again = shared.answer('k', ['a'], true, run.execute);
    await flush();
    run.finish();
    expect((await again).outcome).toBe('executed');
    expect(run.runs).toBe(2);
  });

  it('starts afresh for requests arriving after an event of the scope, while the earlier run is still going', async () => {
    const shared = sharing({ cache: false });
    const run = controlled();
    const before = shared.answer('k', ['a'], true, run.execute);
    await flush();
    shared.changed('a');
    const after = shared.answer('k', ['a'], true, run.execute);
    await flush();
    run.finish(ok('{"data":"before the event"}'));
    run.finish(ok('{"data":"after the event"}'));
    expect((await before).response.body.toString()).toBe('{"data":"before the event"}');
    expect((await after).response.body.toString()).toBe('{"data":"after the event"}');
    expect(run.runs).toBe(2);
  });
});

describe('the response cache', () => {
  async function keep(shared: ResponseSharing, key: string, scope: string[], response = ok()) {
    const run = controlled();
    const answer = shared.answer(key, scope, true, run.execute);
    await flush();
    run.finish(response);
    return answer;
  }

  it('answers later requests from the kept answer until an event of its alliance arrives', async () => {
    const shared = sharing();
    await keep(shared, 'list-a', ['a']);
    await keep(shared, 'list-b', ['b']);
    const never = () => Promise.reject(new Error('should have been a hit'));
    expect((await shared.answer('list-a', ['a'], true, never)).outcome).toBe('hit');
    shared.changed('a');
    const run = controlled();
    const afterEvent = shared.answer('list-a', ['a'], true, run.execute);
    await flush();
    run.finish();
    expect((await afterEvent).outcome).toBe('executed');
    // Another alliance's answer was not touched.
    expect((await shared.answer('list-b', ['b'], true, never)).outcome).toBe('hit');
  });

  it('drops answers scoped to every alliance on any event, and everything on a write', async () => {
    const shared = sharing();
    await keep(shared, 'alliances', [everyAlliance]);
    await keep(shared, 'list-b', ['b']);
    shared.changed('a');
    expect(shared.keptAnswers).toBe(1);
    shared.changedAll();
    expect(shared.keptAnswers).toBe(0);
  });

  it('does not keep an answer when an event of its scope arrived while it ran', async () => {
    const shared = sharing();
    const run = controlled();
    const answer = shared.answer('k', ['a'], true, run.execute);
    await flush();
    shared.changed('a');
    run.finish();
    await answer;
    expect(shared.keptAnswers).toBe(0);
  });

  it('keeps only complete successes, only for published data, only while the feed is followed', async () => {
    const shared = sharing();
    await keep(shared, 'errors', ['a'], ok('{"errors":[{"message":"x"}],"data":null}'));
    await keep(shared, 'status', ['a'], { ...ok(), status: 400 });
    const run = controlled();
    const personal = shared.answer('personal', ['a'], false, run.execute);
    await flush();
    run.finish();
    await personal;
    expect(shared.keptAnswers).toBe(0);
    shared.setFeedFollowed(false);
    await keep(shared, 'no-feed', ['a']);
    expect(shared.keptAnswers).toBe(0);
    shared.setFeedFollowed(true);
    await keep(shared, 'fine', ['a']);
    expect(shared.keptAnswers).toBe(1);
    shared.setFeedFollowed(false);
    expect(shared.keptAnswers).toBe(0);
  });

  it('stays within its bytes, dropping the least recently used first', async () => {
    const body = `{"data":"${'x'.repeat(2000)}"}`;
    const shared = sharing({ maxBytes: 10_000 });
    for (const key of ['k1', 'k2', 'k3', 'k4']) {
      await keep(shared, key, ['a'], ok(body));
    }
    expect(shared.keptBytes).toBeLessThanOrEqual(10_000);
    expect(shared.keptAnswers).toBe(4);
    const never = () => Promise.reject(new Error('should have been a hit'));
    await shared.answer('k1', ['a'], true, never); // k1 is now the most recently used
    await keep(shared, 'k5', ['a'], ok(body));
    expect(shared.keptBytes).toBeLessThanOrEqual(10_000);
    expect((await shared.answer('k1', ['a'], true, never)).outcome).toBe('hit');
    const run = controlled();
    const k2 = shared.answer('k2', ['a'], true, run.execute);
    await flush();
    run.finish();
    expect((await k2).outcome).toBe('executed');
  });

  it('forgets answers older than the longest age', async () => {
    const shared = sharing({ maxAgeMs: 1 });
    await keep(shared, 'k', ['a']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const run = controlled();
    const later = shared.answer('k', ['a'], true, run.execute);
    await flush();
    run.finish();
    expect((await later).outcome).toBe('executed');
  });
});

describe('the alliances an operation can show', () => {
  const scope = (query: string, variables: Record<string, unknown> = {}) =>
    allianceScope(parse(query).definitions[0] as OperationDefinitionNode, variables);

  it.each([
    ['query($id: ID!) { alliance(id: $id) { name } }', { id: 'A' }, ['A']],
    ['{ alliance(id: "B") { name } }', {}, ['B']],
    ['{ __typename alliance(id: "B") { name } }', {}, ['B']],
    ['query($a: ID!) { alliance(id: "B") { name } stats: allianceStats(allianceId: $a) { total } }', { a: 'C' }, ['B', 'C']],
    ['{ alliances { id name } }', {}, [everyAlliance]],
    ['{ alliance(id: "B") { name } alliances { id } }', {}, [everyAlliance]],
    ['query($id: ID) { alliance(id: $id) { name } }', {}, [everyAlliance]],
    ['{ ... on Query { alliance(id: "B") { name } } }', {}, [everyAlliance]],
    ['{ commitment(id: "c1") { title } }', {}, [everyAlliance]],
    ['{ alliance(id: 5) { name } }', {}, [everyAlliance]],
  ])('%s → %j', (query, variables, expected) => {
    expect(scope(query, variables)).toEqual(expected);
  });
});
