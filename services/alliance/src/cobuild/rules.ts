import { firstProblem } from '@hub/cobuild';
import type { Viewer } from '@hub/contracts';
import { badInput, forbidden, unauthenticated } from '@hub/subgraph-kit';
import type { z } from 'zod';

/**
 * Checks a value with its @hub/cobuild schema: BAD_USER_INPUT naming the first wrong field (an
 * input's field, or `field` for a single argument), else the parsed value.
 */
export function checked<T>(schema: z.ZodType<T, unknown>, value: unknown, field?: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problem = firstProblem(result.error);
    const name = result.error.issues[0]?.path.length ? problem.field : (field ?? problem.field);
    throw badInput(`${name} ${problem.message}`, name);
  }
  return result.data;
}

/** The partner a signed-in partner editor writes for; anonymous callers are asked to sign in, others refused. */
export function editorPartner(viewer: Viewer, doing: string): string {
  if (viewer.role === 'anonymous') {
    throw unauthenticated(`Sign in as a partner editor to ${doing}`);
  }
  if (viewer.role !== 'partner_editor' || !viewer.partnerId) {
    throw forbidden(`Only a partner’s editors ${doing}`);
  }
  return viewer.partnerId;
}

/** Refuses anyone but an editor of `partnerId`. */
export function requireEditorOf(viewer: Viewer, partnerId: string, doing: string): void {
  if (editorPartner(viewer, doing) !== partnerId) {
    throw forbidden(`Only editors of the partner concerned ${doing}`);
  }
}

/** `text` cut to at most `max` UTF-16 units without splitting a character (the protocol counts units). */
export function clip(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  let cut = text.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(cut)) {
    cut = cut.slice(0, -1);
  }
  return cut;
}
