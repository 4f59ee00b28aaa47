import type { BoardActivityFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

interface ActivitiesPanelProps {
  readonly activities: readonly BoardActivityFragment[];
  readonly partnerName: (partnerId: string) => string;
  readonly now: string;
}

/** How many joint activities each half of the panel lists. */
const perList = 4;

function ActivityRow({ activity, partnerName }: { activity: BoardActivityFragment; partnerName: (partnerId: string) => string }) {
  const { t, format } = useI18n();
  const attendees = activity.attendance.reduce((sum, row) => sum + row.attendees, 0);
  return (
    <li className="activity" data-activity-id={activity.id}>
      <span className="activity__type">{t(`activityType.${activity.type}`)}</span>
      <div className="activity__main">
        <p className="activity__title">{activity.title}</p>
        <p className="activity__meta">
          <span>{format.dateTime(activity.startsAt)}</span>
          <span>{partnerName(activity.hostPartnerId)}</span>
          {activity.location ? <span>{activity.location}</span> : null}
          {attendees > 0 ? <span>{t('wall.activities.attendees', { count: format.number(attendees) })}</span> : null}
        </p>
      </div>
    </li>
  );
}

/** 联建活动: the latest held and the next coming, side by side. */
export function ActivitiesPanel({ activities, partnerName, now }: ActivitiesPanelProps) {
  const { t } = useI18n();
  const recent = activities
    .filter((activity) => activity.startsAt < now)
    .reverse()
    .slice(0, perList);
  const coming = activities.filter((activity) => activity.startsAt >= now).slice(0, perList);
  const list = (title: string, items: BoardActivityFragment[], empty: string) => (
    <div className="activities__column">
      <h3>{title}</h3>
      {items.length === 0 ? <p className="panel__empty">{empty}</p> : null}
      <ul>
        {items.map((activity) => (
          <ActivityRow key={activity.id} activity={activity} partnerName={partnerName} />
        ))}
      </ul>
    </div>
  );
  return (
    <section className="panel panel--activities" aria-labelledby="activities-title">
      <header className="panel__header">
        <h2 id="activities-title">{t('wall.activities.title')}</h2>
      </header>
      <div className="activities">
        {list(t('wall.activities.coming'), coming, t('wall.activities.noneComing'))}
        {list(t('wall.activities.recent'), recent, t('wall.activities.noneRecent'))}
      </div>
    </section>
  );
}
