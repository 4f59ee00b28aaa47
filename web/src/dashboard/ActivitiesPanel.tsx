import { useRef } from 'react';
import type { BoardActivityFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { PartnerName } from './PartnerName.tsx';
import { useRowsThatFit } from './wall-layout.ts';

interface ActivitiesPanelProps {
  readonly activities: readonly BoardActivityFragment[];
  readonly partnerName: (partnerId: string) => string;
  readonly partnerShortName: (partnerId: string) => string;
  readonly now: string;
  /** The wall fills the screen: each half shows as many as fit. */
  readonly fitted: boolean;
}

/** Where the page scrolls (phones, tablets), each half lists this many. */
const scrollingCount = 4;

interface ActivityRowProps {
  readonly activity: BoardActivityFragment;
  readonly partnerName: (partnerId: string) => string;
  readonly partnerShortName: (partnerId: string) => string;
}

function ActivityRow({ activity, partnerName, partnerShortName }: ActivityRowProps) {
  const { t, format } = useI18n();
  const attendees = activity.attendance.reduce((sum, row) => sum + row.attendees, 0);
  return (
    <li className="activity" data-activity-id={activity.id}>
      <span className="activity__type">{t(`activityType.${activity.type}`)}</span>
      <div className="activity__main">
        <p className="activity__title" title={activity.title}>
          {activity.title}
        </p>
        <p className="activity__meta">
          <span>{format.dateTime(activity.startsAt)}</span>
          <PartnerName short={partnerShortName(activity.hostPartnerId)} full={partnerName(activity.hostPartnerId)} />
          {activity.location ? <span title={activity.location}>{activity.location}</span> : null}
          {attendees > 0 ? <span>{t('wall.activities.attendees', { count: format.number(attendees) })}</span> : null}
        </p>
      </div>
    </li>
  );
}

interface ActivityListProps extends Omit<ActivityRowProps, 'activity'> {
  readonly title: string;
  readonly items: readonly BoardActivityFragment[];
  readonly empty: string;
  readonly fitted: boolean;
}

function ActivityList({ title, items, empty, fitted, ...names }: ActivityListProps) {
  const list = useRef<HTMLUListElement>(null);
  const rows = useRowsThatFit(list, fitted, 2);
  return (
    <div className="activities__column">
      <h3>{title}</h3>
      {items.length === 0 ? <p className="panel__empty">{empty}</p> : null}
      <ul ref={list}>
        {items.slice(0, fitted ? rows : scrollingCount).map((activity) => (
          <ActivityRow key={activity.id} activity={activity} {...names} />
        ))}
      </ul>
    </div>
  );
}

/** 联建活动: the next coming and the latest held, each half as many as fit. */
export function ActivitiesPanel({ activities, now, fitted, ...names }: ActivitiesPanelProps) {
  const { t } = useI18n();
  const recent = activities.filter((activity) => activity.startsAt < now).reverse();
  const coming = activities.filter((activity) => activity.startsAt >= now);
  return (
    <section className="panel panel--activities" aria-labelledby="activities-title">
      <header className="panel__header">
        <h2 id="activities-title">{t('wall.activities.title')}</h2>
      </header>
      <div className="activities">
        <ActivityList
          title={t('wall.activities.coming')}
          items={coming}
          empty={t('wall.activities.noneComing')}
          fitted={fitted}
          {...names}
        />
        <ActivityList
          title={t('wall.activities.recent')}
          items={recent}
          empty={t('wall.activities.noneRecent')}
          fitted={fitted}
          {...names}
        />
      </div>
    </section>
  );
}
