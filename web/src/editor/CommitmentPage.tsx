import type { CombinedError } from '@urql/core';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from 'urql';
import { isOverdue } from '../app/commitment-rules.ts';
import type { MyCommitmentDetailFragment } from '../generated/graphql.ts';
import { todayIso } from '../i18n/hub-time.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import { inNamespace } from '../kinds/namespaced.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { ProgressBar } from '../ui/ProgressBar.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { CommitmentActions, type Panel } from './CommitmentActions.tsx';
import { CommitmentFacts } from './CommitmentFacts.tsx';
import { CommitmentForm } from './CommitmentForm.tsx';
import { draftOf } from './commitment-draft.ts';
import { myCommitmentDetail } from './commitment-operations.ts';
import { useEditorScope } from './EditorLayout.tsx';
import { HistoryList } from './HistoryList.tsx';
import { ProgressForm } from './ProgressForm.tsx';
import { ProgressTimeline } from './ProgressTimeline.tsx';
import { progressInput } from './progress-draft.ts';
import { ReloadOnConflict } from './ReloadOnConflict.tsx';
import { useCommitmentWrites, type WriteOutcome } from './useCommitmentWrites.ts';
import { useMyCommitments } from './useMyCommitments.ts';
import { WithdrawForm } from './WithdrawForm.tsx';

function CommitmentView({ commitment, refetch }: { commitment: MyCommitmentDetailFragment; refetch: () => void }) {
  const { t } = useI18n();
  const scope = useEditorScope();
  const location = useLocation();
  const { branches } = useMyCommitments(scope);
  const writes = useCommitmentWrites(scope, commitment);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [notice, setNotice] = useState<MessageKey | null>((location.state as { notice?: MessageKey } | null)?.notice ?? null);
  const [error, setError] = useState<CombinedError | undefined>(undefined);
  const allianceName = scope.alliances.find((alliance) => alliance.id === commitment.allianceId)?.name ?? commitment.allianceId;
  const overdue = isOverdue(commitment, todayIso());

  /** Runs a write; on success closes the panel and says what happened, else keeps the panel and shows why. */
  const run = async (write: () => Promise<WriteOutcome>, done: MessageKey) => {
    setNotice(null);
    const outcome = await write();
    setError(outcome.error);
    if (outcome.ok) {
      setPanel(null);
      setNotice(done);
    }
  };
  const choose = (next: Panel | null) => {
    setPanel(next);
    setError(undefined);
    setNotice(null);
  };

  return (
    <section className="page" data-commitment-id={commitment.id} data-version={commitment.version}>
      <p className="breadcrumb">
        <Link to="/my/commitments">{t('editor.commitments.title')}</Link>
      </p>
      <header className="page__header">
        <div>
          <h1>{commitment.title}</h1>
          <p className="page__lead">
            <StatusBadge status={commitment.status} overdue={overdue} /> {allianceName}
          </p>
        </div>
        <div className="page__progress">
          <ProgressBar percent={commitment.progress} overdue={overdue} />
        </div>
      </header>
      {notice ? <Notice tone="success">{t(notice)}</Notice> : null}
      <CommitmentActions
        status={commitment.status}
        busy={writes.busy}
        panel={panel}
        onChoose={choose}
        onPublish={() => run(writes.publish, 'editor.saved.published')}
      />
      {panel === 'complete' ? (
        <fieldset className="confirm">
          <legend className="visually-hidden">{t('actions.complete')}</legend>
          <p>{t('actions.confirmComplete')}</p>
          <button
            type="button"
            className="button button--primary"
            disabled={writes.busy}
            onClick={() => run(writes.complete, 'editor.saved.completed')}
          >
            {t('actions.confirm')}
          </button>
          <button type="button" className="button" onClick={() => choose(null)}>
            {t('form.cancel')}
          </button>
        </fieldset>
      ) : null}
      {panel === null || panel === 'complete' ? <ApiErrorNotice error={error} /> : null}
      <ReloadOnConflict error={error} reload={refetch} />
      {panel === 'edit' ? (
        <div className="form--panel">
          <h2>{t('actions.edit')}</h2>
          <CommitmentForm
            kind={scope.kind}
            initial={draftOf(commitment, scope.kind)}
            alliances={scope.alliances}
            branches={branches}
            allianceLocked
            submitLabel={t('form.save')}
            busy={writes.busy}
            error={error}
            onCancel={() => choose(null)}
            onSubmit={(draft) => run(() => writes.update(draft), 'editor.saved.updated')}
          />
        </div>
      ) : null}
      {panel === 'progress' ? (
        <ProgressForm
          currentPercent={commitment.progress}
          busy={writes.busy}
          error={error}
          onCancel={() => choose(null)}
          onSubmit={(draft) => run(() => writes.reportProgress(progressInput(draft)), 'editor.saved.progress')}
        />
      ) : null}
      {panel === 'withdraw' ? (
        <WithdrawForm
          busy={writes.busy}
          error={error}
          onCancel={() => choose(null)}
          onSubmit={(reason) => run(() => writes.withdraw(reason), 'editor.saved.withdrawn')}
        />
      ) : null}
      <div className="columns">
        <section aria-labelledby="facts-title">
          <h2 id="facts-title">{t('commitment.facts')}</h2>
          {commitment.description ? <p className="description">{commitment.description}</p> : null}
          <CommitmentFacts commitment={commitment} kind={scope.kind} allianceName={allianceName} />
        </section>
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">{t('progress.reports')}</h2>
          <ProgressTimeline reports={commitment.progressReports} />
        </section>
      </div>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('history.title')}</h2>
        <HistoryList history={commitment.history} kind={scope.kind} />
      </section>
    </section>
  );
}

/** One of the editor's commitments: its facts, progress and history, and what may be done with it now. */
export function CommitmentPage() {
  const { t } = useI18n();
  const { commitmentId = '' } = useParams();
  const scope = useEditorScope();
  const [result, refetch] = useQuery({ query: myCommitmentDetail(scope.kind), variables: { id: commitmentId } });
  const commitment = inNamespace(result.data, scope.kind)?.commitment;
  if (commitment) {
    return <CommitmentView key={commitment.id} commitment={commitment} refetch={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  if (result.error) {
    return <ApiErrorNotice error={result.error} />;
  }
  return result.fetching ? <Loading /> : <Notice tone="warning">{t('editor.commitments.notFound')}</Notice>;
}
