import type { CombinedError } from '@urql/core';

/**
 * What a live stream's errors call for:
 * - `resume`: subscribe again after the last cursor received (SLOW_CONSUMER: the client fell
 *   behind; UNAVAILABLE: the server cannot read its feed for now, so with backoff);
 * - `reload`: what was missed cannot be replayed (CURSOR_EXPIRED) or the subscription no longer
 *   fits the schema (SCHEMA_CHANGED): the view reloads and subscribes from its new liveCursor;
 * - `fail`: the operation itself was refused; retrying cannot help.
 */
export type LiveErrorAction = 'resume' | 'reload' | 'fail';

const actions: Record<string, LiveErrorAction> = {
  SLOW_CONSUMER: 'resume',
  UNAVAILABLE: 'resume',
  CURSOR_EXPIRED: 'reload',
  SCHEMA_CHANGED: 'reload',
};

/** The `extensions` of a GraphQL error as a live stream reports it (graphql-ws payload or a result's `errors`). */
function extensionsOf(error: unknown): { code?: unknown; cursor?: unknown } {
  return (error as { extensions?: { code?: unknown; cursor?: unknown } } | null)?.extensions ?? {};
}

/** The action for a stream's errors: any reload wins; a resume needs every error to allow it. */
export function liveErrorAction(errors: readonly unknown[]): LiveErrorAction {
  const found = new Set(errors.map((error) => actions[String(extensionsOf(error).code)] ?? 'fail'));
  if (found.has('reload')) {
    return 'reload';
  }
  return found.size === 1 && found.has('resume') ? 'resume' : 'fail';
}

/** The cursor a SLOW_CONSUMER error names (the last event the server delivered), if any. */
export function resumeCursor(errors: readonly unknown[]): string | null {
  const cursor = errors.map(extensionsOf).find((extensions) => extensions.code === 'SLOW_CONSUMER')?.cursor;
  return typeof cursor === 'string' ? cursor : null;
}

/** Whether a live subscription ended asking its view to reload. */
export function asksToReload(error: CombinedError): boolean {
  return error.graphQLErrors.length > 0 && liveErrorAction(error.graphQLErrors) === 'reload';
}
