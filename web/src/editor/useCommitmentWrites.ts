import type { CombinedError } from '@urql/core';
import { useMutation } from 'urql';
import { pickNamespace } from '../api/kind.ts';
import {
  CompleteCommitmentDocument,
  type ProgressInput,
  PublishCommitmentDocument,
  ReportProgressDocument,
  UpdateCommitmentDocument,
  WithdrawCommitmentDocument,
} from '../generated/graphql.ts';
import { type CommitmentDraft, commitmentInputs } from './commitment-draft.ts';
import type { EditorScope } from './EditorLayout.tsx';

/** Whether a write went through; the error the API gave when it did not. */
export interface WriteOutcome {
  readonly ok: boolean;
  readonly error: CombinedError | undefined;
}

function outcome(result: { data?: Parameters<typeof pickNamespace>[0]; error?: CombinedError | undefined }): WriteOutcome {
  return { ok: !result.error && pickNamespace(result.data) !== null, error: result.error };
}

/**
 * The editor's writes on one commitment, each at the version the editor last read (a stale
 * version comes back as CONFLICT) and in the namespace of the partner's kind. The lists and
 * the page refetch by themselves: urql's cache drops results naming the changed type.
 */
export function useCommitmentWrites(scope: EditorScope, commitment: { id: string; version: number }) {
  const [updating, update] = useMutation(UpdateCommitmentDocument);
  const [publishing, publish] = useMutation(PublishCommitmentDocument);
  const [reporting, report] = useMutation(ReportProgressDocument);
  const [completing, complete] = useMutation(CompleteCommitmentDocument);
  const [withdrawing, withdraw] = useMutation(WithdrawCommitmentDocument);
  const at = { id: commitment.id, version: commitment.version, ...scope.flags };
  return {
    busy: updating.fetching || publishing.fetching || reporting.fetching || completing.fetching || withdrawing.fetching,
    update: async (draft: CommitmentDraft) => outcome(await update({ ...at, ...commitmentInputs(draft, scope.kind) })),
    publish: async () => outcome(await publish(at)),
    reportProgress: async (input: ProgressInput) => outcome(await report({ ...at, input })),
    complete: async () => outcome(await complete(at)),
    withdraw: async (reason: string) => outcome(await withdraw({ ...at, reason })),
  };
}
