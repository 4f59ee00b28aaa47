import { Link } from 'react-router';
import { isOverdue } from '../app/commitment-rules.ts';
import type { CommitmentStatus } from '../generated/graphql.ts';
import { todayIso } from '../i18n/hub-time.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { textOf } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { ProgressBar } from '../ui/ProgressBar.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { useEditorScope } from './EditorLayout.tsx';
import { useMyCommitments } from './useMyCommitments.ts';

const statusOrder: readonly CommitmentStatus[] = ['DRAFT', 'PUBLISHED', 'IN_PROGRESS', 'COMPLETED', 'WITHDRAWN'];

/** 我的承诺事项: the partner's commitments, drafts first, with their state and what to do next. */
export function MyCommitmentsPage() {
  const { t, format, lang } = useI18n();
  const scope = useEditorScope();
  const { commitments, error, fetching } = useMyCommitments(scope);
  const allianceName = (id: string) => scope.alliances.find((alliance) => alliance.id === id)?.name ?? id;
  const today = todayIso();
  const sorted = [...(commitments ?? [])].sort(
    (a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status) || (a.dueDate ?? '').localeCompare(b.dueDate ?? ''),
  );
  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1>{t('editor.commitments.title')}</h1>
          <p className="page__lead">{t('editor.partnerLine', { partner: scope.partnerName, kind: textOf(scope.kind.label, lang) })}</p>
        </div>
        <Link className="button button--primary" to="/my/commitments/new">
          {t('editor.commitments.new')}
        </Link>
        <Link className="button" to="/my/import" data-testid="import-link">
          {t('ledgerFiles.import.link')}
        </Link>
      </header>
      <ApiErrorNotice error={error} />
      {commitments === null && fetching ? <Loading /> : null}
      {commitments?.length === 0 ? <p className="empty">{t('editor.commitments.empty')}</p> : null}
      {sorted.length > 0 ? (
        <table className="table" data-testid="my-commitments">
          <thead>
            <tr>
              <th>{t('commitment.field.title')}</th>
              <th>{t('commitment.field.category')}</th>
              <th>{t('commitment.status')}</th>
              <th>{t('commitment.progress')}</th>
              <th>{t('commitment.field.dueDate')}</th>
              <th>{t('commitment.updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((commitment) => {
              const overdue = isOverdue(commitment, today);
              return (
                <tr key={commitment.id} className={overdue ? 'is-overdue' : undefined} data-commitment-id={commitment.id}>
                  <td data-label={t('commitment.field.title')}>
                    <Link to={`/my/commitments/${commitment.id}`} className="table__title">
                      {commitment.title}
                    </Link>
                    <span className="table__sub">{allianceName(commitment.allianceId)}</span>
                  </td>
                  <td data-label={t('commitment.field.category')}>{t(`category.${commitment.category}`)}</td>
                  <td data-label={t('commitment.status')}>
                    <StatusBadge status={commitment.status} overdue={overdue} />
                  </td>
                  <td data-label={t('commitment.progress')}>
                    <ProgressBar percent={commitment.progress} overdue={overdue} />
                  </td>
                  <td data-label={t('commitment.field.dueDate')}>{format.date(commitment.dueDate)}</td>
                  <td data-label={t('commitment.updatedAt')}>{format.dateTime(commitment.updatedAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
