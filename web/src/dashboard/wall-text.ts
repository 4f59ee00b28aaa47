import { useCallback } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.zh-CN.ts';

/** The wall's messages with a count, each as `<key>.one` and `<key>.other`. */
type CountedKey = {
  [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never;
}[MessageKey];

/**
 * The wall's wording helper in the reader's language: a message with a count in its plural form
 * (`{count}` formatted: "1 item", "15 items"). Lists of names are `format.list`.
 */
export function useWallText() {
  const { t, format, lang } = useI18n();
  const counted = useCallback(
    (key: CountedKey, count: number, params: Record<string, string | number> = {}) => {
      const form = new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
      return t(`${key}.${form}`, { ...params, count: format.number(count) });
    },
    [t, format, lang],
  );
  return { counted };
}
