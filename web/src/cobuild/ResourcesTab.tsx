import { useI18n } from '../i18n/I18nProvider.tsx';
import { useCobuildScope } from './CobuildLayout.tsx';
import { HelpList } from './HelpList.tsx';

/** 资源清单: the alliance's published resources: what, whose, the help offered, when and where. */
export function ResourcesTab() {
  const { t, format } = useI18n();
  const { lists, partnerName } = useCobuildScope();
  if (lists.resources.length === 0) {
    return <p className="empty">{t('cobuild.resources.empty')}</p>;
  }
  return (
    <table className="table" data-testid="cobuild-resources">
      <thead>
        <tr>
          <th>{t('cobuild.field.title')}</th>
          <th>{t('commitment.field.category')}</th>
          <th>{t('cobuild.field.offers')}</th>
          <th>{t('cobuild.field.available')}</th>
          <th>{t('cobuild.field.place')}</th>
        </tr>
      </thead>
      <tbody>
        {lists.resources.map((resource) => (
          <tr key={resource.id} data-resource-id={resource.id}>
            <td data-label={t('cobuild.field.title')}>
              <span className="table__title">{resource.title}</span>
              <span className="table__sub">{partnerName(resource.partnerId)}</span>
            </td>
            <td data-label={t('commitment.field.category')}>{t(`category.${resource.category}`)}</td>
            <td data-label={t('cobuild.field.offers')}>
              <HelpList help={resource.offers} />
            </td>
            <td data-label={t('cobuild.field.available')}>
              {t('cobuild.range', { from: format.date(resource.availableFrom), until: format.date(resource.availableUntil) })}
            </td>
            <td data-label={t('cobuild.field.place')}>{resource.place || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
