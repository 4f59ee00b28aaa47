import { useI18n } from '../i18n/I18nProvider.tsx';
import { useAdminAlliance } from './AllianceLayout.tsx';
import { MeetingForm } from './MeetingForm.tsx';

/** 联席会议: the joint meetings, latest first, with agenda and decisions; the coordinator convenes new ones. */
export function MeetingsTab() {
  const { t, format } = useI18n();
  const alliance = useAdminAlliance();
  return (
    <>
      {alliance.jointMeetings.length === 0 ? <p className="empty">{t('meeting.none')}</p> : null}
      <ol className="meetings">
        {alliance.jointMeetings.map((meeting) => (
          <li key={meeting.id} className="card">
            <h2 className="card__title">{meeting.title}</h2>
            <p className="card__sub">
              {format.dateTime(meeting.heldAt)}
              {meeting.location ? ` · ${meeting.location}` : ''} · {t('meeting.convenedBy', { name: meeting.convenedBy })}
            </p>
            {meeting.agenda.length > 0 ? (
              <>
                <h3>{t('meeting.agenda')}</h3>
                <ol>
                  {meeting.agenda.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ol>
              </>
            ) : null}
            {meeting.decisions ? (
              <>
                <h3>{t('meeting.decisions')}</h3>
                <p>{meeting.decisions}</p>
              </>
            ) : null}
          </li>
        ))}
      </ol>
      <MeetingForm allianceId={alliance.id} />
    </>
  );
}
