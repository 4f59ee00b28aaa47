import type { CombinedError } from '@urql/core';
import { useMutation } from 'urql';
import { type InNamespace, inNamespace } from '../kinds/namespaced.ts';
import { type CommitmentDraft, commitmentInput } from './commitment-draft.ts';
import { completeCommitment, publishCommitment, reportProgress, updateCommitment, withdrawCommitment } from './commitment-operations.ts';
import type { EditorScope } from './EditorLayout.tsx';
import type { ProgressInput } from './inputs.ts';

/** Whether a write went through; the error the API gave when it did not. */
export interface WriteOutcome {
  readonly ok: boolean;
  readonly error: CombinedError | undefined;
}

/**
 * The editor's writes on one commitment, each at the version the editor last read (a stale
 * version comes back as CONFLICT) and in the namespace of the partner's kind. The lists and
 * the page refetch by themselves: urql's cache drops results naming the changed type.
 */
export function useCommitmentWrites(scope: EditorScope, commitment: { id: string; version: number }) {
  const { kind } = scope;
  const outcome = (result: { data?: InNamespace<unknown> | undefined; error?: CombinedError | undefined }): WriteOutcome => ({
    ok: !result.error && inNamespace(result.data, kind) !== null,
    error: result.error,
  });
  const [updating, update] = useMutation(updateCommitment(kind));
  const [publishing, publish] = useMutation(publishCommitment(kind));
  const [reporting, report] = useMutation(reportProgress(kind));
  const [completing, complete] = useMutation(completeCommitment(kind));
  const [withdrawing, withdraw] = useMutation(withdrawCommitment(kind));
  const at = { id: commitment.id, version: commitment.version };
  return {
    busy: updating.fetching || publishing.fetching || reporting.fetching || completing.fetching || withdrawing.fetching,
    update: async (draft: CommitmentDraft) => outcome(await update({ ...at, input: commitmentInput(draft, kind) })),
    publish: async () => outcome(await publish(at)),
    reportProgress: async (input: ProgressInput) => outcome(await report({ ...at, input })),
    complete: async () => outcome(await complete(at)),
    withdraw: async (reason: string) => outcome(await withdraw({ ...at, reason })),
  };
}
