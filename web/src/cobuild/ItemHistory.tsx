import type { ItemChangeFieldsFragment } from '../generated/graphql.ts';
import type { Format } from '../i18n/format.ts';
import { type Translate, useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';
import { itemFieldLabels } from './ItemForm.tsx';
import type { ItemEntity } from './item-kinds.ts';

/** A recorded value in words: statuses and categories translated, lists of tags and help read out. */
function shown(field: string, value: string | null, t: Translate, format: Format): string {
  if (value === null || value === '') {
    return '—';
  }
  if (field === 'status' || field === 'category') {
    return t(`${field === 'status' ? 'status' : 'category'}.${value}` as MessageKey);
  }
  if (field === 'tags' || field === 'help' || field === 'offers') {
    try {
      const list = JSON.parse(value) as (string | { kind: string; amount?: number | null; unit?: string | null })[];
      return format.list(
        list.map((entry) =>
          typeof entry === 'string'
            ? entry
            : [t(`helpKind.${entry.kind}` as MessageKey), entry.amount ?? '', entry.unit ?? ''].filter((part) => part !== '').join(' '),
        ),
      );
    } catch {
      return value;
    }
  }
  return value;
}

/** 变更记录 of a need or resource: who changed which field when, from what to what, newest first. */
export function ItemHistory({ entity, history }: { entity: ItemEntity; history: readonly ItemChangeFieldsFragment[] }) {
  const { t, format } = useI18n();
  const labels: Record<string, string> = {
    ...itemFieldLabels(entity, t),
    status: t('commitment.status'),
    withdrawReason: t('withdraw.reason'),
  };
  return (
    <table className="table table--compact" data-testid="item-history">
      <thead>
        <tr>
          <th>{t('history.at')}</th>
          <th>{t('history.actor')}</th>
          <th>{t('history.field')}</th>
          <th>{t('history.change')}</th>
        </tr>
      </thead>
      <tbody>
        {[...history].reverse().map((change) => (
          <tr key={change.id}>
            <td data-label={t('history.at')}>{format.dateTime(change.at)}</td>
            <td data-label={t('history.actor')}>{change.actor}</td>
            <td data-label={t('history.field')}>{labels[change.field] ?? <code>{change.field}</code>}</td>
            <td data-label={t('history.change')}>
              {shown(change.field, change.oldValue, t, format)} → {shown(change.field, change.newValue, t, format)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
