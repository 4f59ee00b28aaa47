import { useMemo, useState } from 'react';
import type { BoardActivityFragment } from '../../generated/graphql.ts';
import { todayIso } from '../../i18n/hub-time.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useWallText } from '../wall-text.ts';
import { monthGrid, monthOf, nextActivities } from './calendar.ts';
import { Hint } from './Hint.tsx';

/** How many coming activities the panel lists. */
const comingCount = 4;

interface CalendarPanelProps {
  readonly activities: readonly BoardActivityFragment[];
  readonly shortName: (partnerId: string) => string;
}

/** The month's name and the weekdays' initials, Monday first, in the reader's language. */
function useCalendarWords(month: string) {
  const { lang } = useI18n();
  return useMemo(() => {
    const weekday = new Intl.DateTimeFormat(lang, { weekday: 'narrow', timeZone: 'UTC' });
    const long = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    const days = Array.from({ length: 7 }, (_, index) => new Date(Date.UTC(2024, 0, 1 + index)));
    return {
      monthName: new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
        new Date(`${month}-01T00:00:00Z`),
      ),
      weekdays: days.map((day) => ({ short: weekday.format(day), long: long.format(day) })),
    };
  }, [lang, month]);
}

/** 联建活动日历: the month with the days of joint activities marked (their titles on hover or focus), and the next ones. */
export function CalendarPanel({ activities, shortName }: CalendarPanelProps) {
  const { t, format } = useI18n();
  const { counted } = useWallText();
  const today = todayIso();
  const [month, setMonth] = useState(() => monthOf(today));
  const weeks = useMemo(() => monthGrid(month, activities), [month, activities]);
  const coming = nextActivities(activities, new Date(), comingCount);
  const { monthName, weekdays } = useCalendarWords(month);
  return (
    <section className="panel overview-panel overview-panel--calendar" aria-labelledby="overview-calendar-title">
      <header className="panel__header">
        <h2 id="overview-calendar-title">{t('overview.calendar.title')}</h2>
        <div className="calendar__nav">
          <button type="button" onClick={() => setMonth(monthOf(`${month}-01`, -1))} aria-label={t('overview.calendar.previous')}>
            ‹
          </button>
          <span className="calendar__month" aria-live="polite">
            {monthName}
          </span>
          <button type="button" onClick={() => setMonth(monthOf(`${month}-01`, 1))} aria-label={t('overview.calendar.next')}>
            ›
          </button>
        </div>
      </header>
      <div className="calendar">
        <table className="calendar__grid" data-month={month}>
          <caption className="visually-hidden">{monthName}</caption>
          <thead>
            <tr>
              {weekdays.map((day) => (
                <th key={day.long} scope="col" abbr={day.long}>
                  {day.short}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]?.day}>
                {week.map(({ day, inMonth, activities: held }) => {
                  const classes = [
                    'calendar__day',
                    inMonth ? '' : 'calendar__day--outside',
                    held.length > 0 ? 'calendar__day--marked' : '',
                    day === today ? 'calendar__day--today' : '',
                  ];
                  const number = Number(day.slice(8));
                  return (
                    <td key={day} className={classes.filter(Boolean).join(' ')} data-day={day} data-activities={held.length || undefined}>
                      {held.length > 0 ? (
                        <Hint
                          hint={
                            <>
                              <span className="visually-hidden">{counted('overview.calendar.activities', held.length)}</span>
                              {held.map((activity) => (
                                <span key={activity.id} className="calendar__tip-row">
                                  {format.dateTime(activity.startsAt)} {activity.title}
                                </span>
                              ))}
                            </>
                          }
                        >
                          {number}
                        </Hint>
                      ) : (
                        number
                      )}
                      {day === today ? <span className="visually-hidden">{t('overview.calendar.today')}</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="calendar__coming">
          <h3>{t('overview.calendar.coming')}</h3>
          {coming.length === 0 ? <p className="panel__empty">{t('overview.calendar.noneComing')}</p> : null}
          <ul>
            {coming.map((activity) => (
              <li key={activity.id} className="calendar__activity" data-activity-id={activity.id}>
                <span className="calendar__when">{format.dateTime(activity.startsAt)}</span>
                <span className="calendar__title">{activity.title}</span>
                <span className="calendar__meta">
                  {t(`activityType.${activity.type}`)} · {shortName(activity.hostPartnerId)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
