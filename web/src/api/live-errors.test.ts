import { CombinedError } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { asksToReload, liveErrorAction, resumeCursor } from './live-errors.ts';

const error = (code: string, extra: Record<string, unknown> = {}) => ({ message: code, extensions: { code, ...extra } });

describe('what a live stream’s errors call for', () => {
  it('resumes after a slow consumer or an unavailable feed', () => {
    expect(liveErrorAction([error('SLOW_CONSUMER', { cursor: '41' })])).toBe('resume');
    expect(liveErrorAction([error('UNAVAILABLE')])).toBe('resume');
  });

  it('reloads the view when the cursor expired or the schema changed, whatever else came with it', () => {
    expect(liveErrorAction([error('CURSOR_EXPIRED')])).toBe('reload');
    expect(liveErrorAction([error('SCHEMA_CHANGED')])).toBe('reload');
    expect(liveErrorAction([error('UNAVAILABLE'), error('CURSOR_EXPIRED')])).toBe('reload');
  });

  it('gives up on errors about the operation itself, and on errors without a code', () => {
    expect(liveErrorAction([error('FORBIDDEN')])).toBe('fail');
    expect(liveErrorAction([error('SLOW_CONSUMER'), error('BAD_USER_INPUT')])).toBe('fail');
    expect(liveErrorAction([{ message: 'boom' }, new Error('socket')])).toBe('fail');
    expect(liveErrorAction([])).toBe('fail');
  });

  it('resumes a slow consumer from the cursor its error names', () => {
    expect(resumeCursor([error('SLOW_CONSUMER', { cursor: '41' })])).toBe('41');
    expect(resumeCursor([error('SLOW_CONSUMER', { cursor: null })])).toBeNull();
    expect(resumeCursor([error('UNAVAILABLE')])).toBeNull();
  });

  it('tells a view to reload only for an ended stream that asks for it', () => {
    expect(asksToReload(new CombinedError({ graphQLErrors: [error('CURSOR_EXPIRED')] }))).toBe(true);
    expect(asksToReload(new CombinedError({ graphQLErrors: [error('FORBIDDEN')] }))).toBe(false);
    expect(asksToReload(new CombinedError({ networkError: new Error('offline') }))).toBe(false);
  });
});
