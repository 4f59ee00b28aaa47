import { useI18n } from '../i18n/I18nProvider.tsx';

/** A quiet placeholder while data loads. */
export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" aria-busy="true">
      {t('common.loading')}
    </p>
  );
}
