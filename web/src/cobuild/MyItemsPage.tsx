import { Link } from 'react-router';
import { useEditorScope } from '../editor/EditorLayout.tsx';
import type { CobuildItemStatus } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { textOf } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { HelpList } from './HelpList.tsx';
import { helpOf, type ItemEntity, isNeed, myItemsPath } from './item-kinds.ts';
import { useMyItems } from './useMyItems.ts';

const statusOrder: readonly CobuildItemStatus[] = ['DRAFT', 'PUBLISHED', 'WITHDRAWN'];

/** 我的需求 / 我的资源: the partner's needs or resources, drafts first, with their status. */
export function MyItemsPage({ entity }: { entity: ItemEntity }) {
  const { t, format, lang } = useI18n();
  const scope = useEditorScope();
  const { items, error, fetching } = useMyItems(scope, entity);
  const allianceName = (id: string) => scope.alliances.find((alliance) => alliance.id === id)?.name ?? id;
  const sorted = [...(items ?? [])].sort((a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status));
  const base = myItemsPath(entity);
  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1>{t(entity === 'need' ? 'cobuild.my.needs' : 'cobuild.my.resources')}</h1>
          <p className="page__lead">{t('editor.partnerLine', { partner: scope.partnerName, kind: textOf(scope.kind.label, lang) })}</p>
        </div>
        <Link className="button button--primary" to={`${base}/new`} data-action="new">
          {t(entity === 'need' ? 'cobuild.my.newNeed' : 'cobuild.my.newResource')}
        </Link>
      </header>
      <p className="page__lead">{t(entity === 'need' ? 'cobuild.my.needsLead' : 'cobuild.my.resourcesLead')}</p>
      <ApiErrorNotice error={error} />
      {items === null && fetching ? <Loading /> : null}
      {items?.length === 0 ? <p className="empty">{t('cobuild.my.empty')}</p> : null}
      {sorted.length > 0 ? (
        <table className="table" data-testid={`my-${entity}s`}>
          <thead>
            <tr>
              <th>{t('cobuild.field.title')}</th>
              <th>{t('commitment.field.category')}</th>
              <th>{t(entity === 'need' ? 'cobuild.field.help' : 'cobuild.field.offers')}</th>
              <th>{t(entity === 'need' ? 'cobuild.field.wantedBy' : 'cobuild.field.availableUntil')}</th>
              <th>{t('commitment.status')}</th>
              <th>{t('commitment.updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((item) => (
              <tr key={item.id} data-item-id={item.id}>
                <td data-label={t('cobuild.field.title')}>
                  <Link to={`${base}/${item.id}`} className="table__title">
                    {item.title}
                  </Link>
                  <span className="table__sub">{allianceName(item.allianceId)}</span>
                </td>
                <td data-label={t('commitment.field.category')}>{t(`category.${item.category}`)}</td>
                <td data-label={t(entity === 'need' ? 'cobuild.field.help' : 'cobuild.field.offers')}>
                  <HelpList help={helpOf(item)} />
                </td>
                <td data-label={t(entity === 'need' ? 'cobuild.field.wantedBy' : 'cobuild.field.availableUntil')}>
                  {format.date(isNeed(item) ? item.wantedBy : item.availableUntil)}
                </td>
                <td data-label={t('commitment.status')}>
                  <StatusBadge status={item.status} />
                </td>
                <td data-label={t('commitment.updatedAt')}>{format.dateTime(item.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
