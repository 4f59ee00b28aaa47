import type { CommitmentStatus } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** A commitment's status as a coloured badge; overdue open items say so. */
export function StatusBadge({ status, overdue = false }: { status: CommitmentStatus; overdue?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--${status.toLowerCase()}${overdue ? ' badge--overdue' : ''}`}>
      {t(`status.${status}`)}
      {overdue ? ` · ${t('status.overdue')}` : ''}
    </span>
  );
}
