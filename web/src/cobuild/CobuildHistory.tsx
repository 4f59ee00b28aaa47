import type { CobuildChangeRowFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** 全过程记录 of a project: who took which step when, oldest first as the API gives them, newest shown first. */
export function CobuildHistory({ history }: { history: readonly CobuildChangeRowFragment[] }) {
  const { t, format } = useI18n();
  if (history.length === 0) {
    return <p className="empty">{t('item.timeline.none')}</p>;
  }
  return (
    <ol className="timeline" data-testid="project-history">
      {[...history].reverse().map((change) => (
        <li key={change.id} className="timeline__item" data-action={change.action}>
          <p className="timeline__head">
            <strong>{t(`cobuild.action.${change.action}`)}</strong>
            <time dateTime={change.at}>{format.dateTime(change.at)}</time>
            <span>{change.actor}</span>
          </p>
          {change.detail ? <p>{change.detail}</p> : null}
        </li>
      ))}
    </ol>
  );
}
