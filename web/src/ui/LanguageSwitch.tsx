import { useI18n } from '../i18n/I18nProvider.tsx';
import { langs } from '../i18n/lang.ts';

/** 中文 | EN: switches the UI language. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <fieldset className="lang-switch" aria-label={t('nav.language')}>
      {langs.map((option) => (
        <button key={option} type="button" className="lang-switch__option" aria-pressed={option === lang} onClick={() => setLang(option)}>
          {t(`lang.${option}`)}
        </button>
      ))}
    </fieldset>
  );
}
