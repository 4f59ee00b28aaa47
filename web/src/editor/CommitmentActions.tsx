import type { CommitmentStatus } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The forms a commitment's page can open. */
export type Panel = 'edit' | 'progress' | 'complete' | 'withdraw';

interface CommitmentActionsProps {
  readonly status: CommitmentStatus;
  readonly busy: boolean;
  readonly panel: Panel | null;
  onChoose(panel: Panel | null): void;
  onPublish(): void;
}

/** What may be done with a commitment in its status: publish a draft; edit, report, complete or withdraw an open one. */
export function CommitmentActions({ status, busy, panel, onChoose, onPublish }: CommitmentActionsProps) {
  const { t } = useI18n();
  const editable = status === 'DRAFT' || status === 'PUBLISHED' || status === 'IN_PROGRESS';
  const open = status === 'PUBLISHED' || status === 'IN_PROGRESS';
  const toggle = (target: Panel) => onChoose(panel === target ? null : target);
  if (!editable) {
    return <p className="actions actions--closed">{t(status === 'COMPLETED' ? 'actions.closedCompleted' : 'actions.closedWithdrawn')}</p>;
  }
  return (
    <div className="actions" role="toolbar" aria-label={t('actions.label')}>
      {status === 'DRAFT' ? (
        <button type="button" className="button button--primary" disabled={busy} onClick={onPublish} data-action="publish">
          {t('actions.publish')}
        </button>
      ) : null}
      {open ? (
        <button
          type="button"
          className="button button--primary"
          aria-pressed={panel === 'progress'}
          onClick={() => toggle('progress')}
          data-action="progress"
        >
          {t('actions.reportProgress')}
        </button>
      ) : null}
      {open ? (
        <button
          type="button"
          className="button"
          aria-pressed={panel === 'complete'}
          onClick={() => toggle('complete')}
          data-action="complete"
        >
          {t('actions.complete')}
        </button>
      ) : null}
      <button type="button" className="button" aria-pressed={panel === 'edit'} onClick={() => toggle('edit')} data-action="edit">
        {t('actions.edit')}
      </button>
      <button
        type="button"
        className="button button--danger-quiet"
        aria-pressed={panel === 'withdraw'}
        onClick={() => toggle('withdraw')}
        data-action="withdraw"
      >
        {t('actions.withdraw')}
      </button>
    </div>
  );
}
