import type { CombinedError } from '@urql/core';
import { useMutation } from 'urql';
import type { EditorScope } from '../editor/EditorLayout.tsx';
import type { WriteOutcome } from '../editor/useCommitmentWrites.ts';
import { type InNamespace, inNamespace } from '../kinds/namespaced.ts';
import { type ItemDraft, needInputOf, resourceInputOf } from './item-draft.ts';
import type { ItemEntity } from './item-kinds.ts';
import { operationsOf } from './item-operations.ts';

/**
 * The editor's writes on one need or resource, at the version it last read (a stale one is
 * CONFLICT), in the namespace of its kind; the lists and the page refetch by themselves.
 */
export function useItemWrites(scope: EditorScope, entity: ItemEntity, item: { id: string; version: number }) {
  const { kind } = scope;
  const operations = operationsOf(entity);
  const outcome = (result: { data?: InNamespace<unknown> | undefined; error?: CombinedError | undefined }): WriteOutcome => ({
    ok: !result.error && inNamespace(result.data, kind) !== null,
    error: result.error,
  });
  const [updating, update] = useMutation(operations.update(kind));
  const [publishing, publish] = useMutation(operations.publish(kind));
  const [withdrawing, withdraw] = useMutation(operations.withdraw(kind));
  const at = { id: item.id, version: item.version };
  return {
    busy: updating.fetching || publishing.fetching || withdrawing.fetching,
    update: async (draft: ItemDraft) =>
      outcome(await update({ ...at, input: entity === 'need' ? needInputOf(draft) : resourceInputOf(draft) })),
    publish: async () => outcome(await publish(at)),
    withdraw: async (reason: string) => outcome(await withdraw({ ...at, reason })),
  };
}
