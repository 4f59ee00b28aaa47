import { Link } from 'react-router';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { textOf } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { useEditorScope } from './EditorLayout.tsx';
import { useMyActivities } from './useMyActivities.ts';

/** 我的联建活动: the joint activities the partner hosts, latest first. */
export function MyActivitiesPage() {
  const { t, format, lang } = useI18n();
  const scope = useEditorScope();
  const { activities, fetching, error } = useMyActivities(scope);
  const allianceName = (id: string) => scope.alliances.find((alliance) => alliance.id === id)?.name ?? id;
  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1>{t('editor.activities.title')}</h1>
          <p className="page__lead">{t('editor.partnerLine', { partner: scope.partnerName, kind: textOf(scope.kind.label, lang) })}</p>
        </div>
        <Link className="button button--primary" to="/my/activities/new">
          {t('editor.activities.new')}
        </Link>
      </header>
      <ApiErrorNotice error={error} />
      {activities === null && fetching ? <Loading /> : null}
      {activities?.length === 0 ? <p className="empty">{t('editor.activities.empty')}</p> : null}
      {activities && activities.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('activity.field.title')}</th>
              <th>{t('activity.field.type')}</th>
              <th>{t('activity.field.startsAt')}</th>
              <th>{t('activity.field.location')}</th>
              <th>{t('activity.attendees')}</th>
            </tr>
          </thead>
          <tbody>
            {activities.map((activity) => (
              <tr key={activity.id}>
                <td data-label={t('activity.field.title')}>
                  <Link to={`/my/activities/${activity.id}`} className="table__title">
                    {activity.title}
                  </Link>
                  <span className="table__sub">{allianceName(activity.allianceId)}</span>
                </td>
                <td data-label={t('activity.field.type')}>{t(`activityType.${activity.type}`)}</td>
                <td data-label={t('activity.field.startsAt')}>{format.dateTime(activity.startsAt)}</td>
                <td data-label={t('activity.field.location')}>{activity.location ?? '—'}</td>
                <td data-label={t('activity.attendees')}>
                  {format.number(activity.attendance.reduce((sum, row) => sum + row.attendees, 0))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
