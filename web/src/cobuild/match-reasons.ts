import { type HelpKind, helpKinds } from '@hub/cobuild';
import { categories } from '../app/vocabulary.ts';
import type { Category, MatchReasonCode } from '../generated/graphql.ts';
import type { Format } from '../i18n/format.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';

/** A value the API names (a category, a kind of help) in the reader's words; other text as it is. */
function named(value: string, t: Translate): string {
  const name = value.trim();
  if ((categories as readonly string[]).includes(name)) {
    return t(`category.${name as Category}`);
  }
  return (helpKinds as readonly string[]).includes(name) ? t(`helpKind.${name as HelpKind}`) : name;
}

/** The reason's detail as the API gives it (docs of `MatchReasonCode`), in the reader's words. */
function detailText(code: MatchReasonCode, detail: string, t: Translate, format: Format): string {
  const list = (separator: string, each: (value: string) => string) => format.list(detail.split(separator).map(each));
  switch (code) {
    case 'SAME_CATEGORY':
      return named(detail, t);
    case 'SHARED_TAGS':
      return list(',', (tag) => tag.trim());
    case 'HELP_KIND':
      return list(',', (kind) => named(kind, t));
    case 'ENOUGH_AMOUNT':
      return list(';', (part) => part.trim().replace(/^([A-Z_]+)/, (kind) => named(kind, t)));
    case 'IN_TIME': {
      const [from = '', until = ''] = detail.split('..');
      return t('cobuild.range', { from: format.date(from || null), until: format.date(until || null) });
    }
    default:
      return detail;
  }
}

/** Why a resource is proposed for a need, in words: 同属“工作联动” · 共同标签：桥梁、安全. */
export function reasonText(reason: { code: MatchReasonCode; detail?: string | null }, t: Translate, format: Format): string {
  const detail = reason.detail ? detailText(reason.code, reason.detail, t, format) : '';
  return detail ? t(`cobuild.reason.${reason.code}`, { detail }) : t(`cobuild.reason.${reason.code}.plain`);
}
