import type { HelpAmountFieldsFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The kinds of help with their amounts, in words: 人力 10 人 · 资金 30,000 元. */
export function HelpList({ help }: { help: readonly HelpAmountFieldsFragment[] }) {
  const { t, format } = useI18n();
  if (help.length === 0) {
    return <>—</>;
  }
  return (
    <span className="help-list">
      {help.map((row) => (
        <span key={row.kind} className="tag" data-help-kind={row.kind}>
          {t(`helpKind.${row.kind}`)}
          {row.amount !== null && row.amount !== undefined ? ` ${format.number(row.amount)}` : ''}
          {row.unit ? ` ${row.unit}` : ''}
        </span>
      ))}
    </span>
  );
}

/** Tags as small chips. */
export function TagList({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) {
    return <>—</>;
  }
  return (
    <span className="help-list">
      {tags.map((tag) => (
        <span key={tag} className="tag tag--quiet">
          {tag}
        </span>
      ))}
    </span>
  );
}
