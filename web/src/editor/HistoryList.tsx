import { listStatuses } from '../app/vocabulary.ts';
import type { CommitmentStatus, MyCommitmentDetailFragment } from '../generated/graphql.ts';
import { type Translate, useI18n } from '../i18n/I18nProvider.tsx';
import type { Lang } from '../i18n/lang.ts';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import { type PartnerKind, textOf } from '../kinds/partner-kinds.ts';

/** The common fields with a label of their own; the kind's own are labelled by its definition, others show as the server names them. */
const fieldLabels: Record<string, MessageKey> = {
  status: 'commitment.status',
  progress: 'commitment.progress',
  withdrawReason: 'withdraw.reason',
  title: 'commitment.field.title',
  description: 'commitment.field.description',
  category: 'commitment.field.category',
  startDate: 'commitment.field.startDate',
  dueDate: 'commitment.field.dueDate',
  branchId: 'commitment.field.branchId',
};

const statuses: readonly string[] = ['DRAFT', ...listStatuses];

/** A recorded value in words: statuses translated, progress as a percentage. */
export function shownValue(field: string, value: string | null, t: Translate): string {
  if (value === null) {
    return '—';
  }
  if (field === 'status' && statuses.includes(value)) {
    return t(`status.${value as CommitmentStatus}`);
  }
  return field === 'progress' ? `${value}%` : value;
}

/** A changed field's label: the common fields' own, a kind's field by its definition, null for others. */
export function fieldLabelOf(field: string, kind: PartnerKind | undefined, t: Translate, lang: Lang): string | null {
  const common = fieldLabels[field];
  const own = kind?.fields.find((candidate) => candidate.name === field);
  return common ? t(common) : own ? textOf(own.label, lang) : null;
}

/** 变更记录: who changed which field when, from what to what, newest first. */
export function HistoryList({ history, kind }: { history: MyCommitmentDetailFragment['history']; kind: PartnerKind }) {
  const { t, format, lang } = useI18n();
  const labelOf = (field: string) => fieldLabelOf(field, kind, t, lang);
  return (
    <table className="table table--compact">
      <thead>
        <tr>
          <th>{t('history.at')}</th>
          <th>{t('history.actor')}</th>
          <th>{t('history.field')}</th>
          <th>{t('history.change')}</th>
        </tr>
      </thead>
      <tbody>
        {[...history].reverse().map((change) => {
          const label = labelOf(change.field);
          return (
            <tr key={change.id}>
              <td data-label={t('history.at')}>{format.dateTime(change.at)}</td>
              <td data-label={t('history.actor')}>{change.actor}</td>
              <td data-label={t('history.field')}>{label ?? <code>{change.field}</code>}</td>
              <td data-label={t('history.change')}>
                {shownValue(change.field, change.oldValue, t)} → {shownValue(change.field, change.newValue, t)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
