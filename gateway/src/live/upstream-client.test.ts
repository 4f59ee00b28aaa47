import { describe, expect, it } from 'vitest';
import { describeUpstreamFailure } from './upstream-client.ts';

describe('describeUpstreamFailure', () => {
  it('names every shape a lost upstream comes in, never as [object Object]', () => {
    const cases: [unknown, string][] = [
      [new Error('connect ECONNREFUSED 127.0.0.1:4001'), 'connect ECONNREFUSED 127.0.0.1:4001'],
      [[{ message: 'first' }, { message: 'second' }], 'first; second'],
      [{ code: 1011, reason: 'Internal error' }, 'socket closed (1011 Internal error)'],
      [{ code: 1006 }, 'socket closed (1006)'],
      [{ type: 'error', message: 'connect ECONNREFUSED 127.0.0.1:4001' }, 'connect ECONNREFUSED 127.0.0.1:4001'],
      [{ type: 'error', message: '', error: new Error('socket hang up') }, 'socket hang up'],
      ['plain text', 'plain text'],
    ];
    for (const [error, description] of cases) {
      expect(describeUpstreamFailure(error)).toBe(description);
    }
  });
});
