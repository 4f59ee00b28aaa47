/** The languages of the UI: Chinese first, English as the alternative. */
export const langs = ['zh-CN', 'en'] as const;
export type Lang = (typeof langs)[number];
export const defaultLang: Lang = 'zh-CN';
