import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { createFormat, type Format } from './format.ts';
import { defaultLang, type Lang, langs } from './lang.ts';
import { en } from './messages.en.ts';
import { type MessageKey, zhCN } from './messages.zh-CN.ts';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  readonly lang: Lang;
  setLang(lang: Lang): void;
  readonly t: Translate;
  readonly format: Format;
}

const catalogs: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const storageKey = 'hub.lang';
const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  const stored = localStorage.getItem(storageKey);
  return langs.includes(stored as Lang) ? (stored as Lang) : defaultLang;
}

/** Replaces `{name}` placeholders with `params.name`. */
function interpolate(template: string, params?: Record<string, string | number>): string {
  return params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : template;
}

/** Provides the UI language (zh-CN unless the reader switched to English), messages and formats. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(storageKey, next);
    setLangState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = catalogs[lang]['app.title'];
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const messages = catalogs[lang];
    return { lang, setLang, t: (key, params) => interpolate(messages[key], params), format: createFormat(lang) };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) {
    throw new Error('useI18n must be used inside <I18nProvider>');
  }
  return i18n;
}
