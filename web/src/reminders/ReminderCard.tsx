import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ReminderEntryFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LightBadge } from '../ui/LightBadge.tsx';

interface ReminderCardProps {
  readonly reminder: ReminderEntryFragment;
  /** Where the item's title links to (the editor's own page or the coordinator's item view). */
  readonly itemHref?: string;
  /** Name the partner reminded (the coordinator's views). */
  readonly showPartner?: boolean;
  /** Actions and forms under the reminder. */
  readonly children?: ReactNode;
}

/** 督办: one reminder — who sent it and why, its message and reply-by date, the answer and the decision. */
export function ReminderCard({ reminder, itemHref, showPartner = false, children }: ReminderCardProps) {
  const { t, format } = useI18n();
  const item = reminder.commitment;
  const title = item && 'title' in item ? item.title : reminder.commitmentId;
  const closed = reminder.status === 'ACCEPTED' || reminder.status === 'REJECTED';
  const className = `reminder${reminder.read ? '' : ' reminder--unread'}${closed ? ' reminder--closed' : ''}`;
  return (
    <li className={className} data-reminder-id={reminder.id} data-status={reminder.status}>
      <p className="reminder__head">
        <span className="reminder__item">{itemHref ? <Link to={itemHref}>{title}</Link> : title}</span>
        <LightBadge light={item?.light} compact />
        <span className={`badge badge--reminder-${reminder.status.toLowerCase()}`}>{t(`reminder.status.${reminder.status}`)}</span>
        {reminder.read ? null : <span className="badge badge--overdue">{t('reminder.unread')}</span>}
      </p>
      <p className="reminder__meta">
        {t(`reminder.trigger.${reminder.trigger}`)} ·{' '}
        {reminder.sentBy
          ? t('reminder.sentBy', { name: reminder.sentBy, at: format.dateTime(reminder.sentAt) })
          : t('reminder.sentByHub', { at: format.dateTime(reminder.sentAt) })}{' '}
        · {t('reminder.replyByDate', { date: format.date(reminder.replyBy) })}
        {showPartner && reminder.partnerName ? ` · ${reminder.partnerName}` : ''}
        {reminder.allianceName ? ` · ${reminder.allianceName}` : ''}
      </p>
      <p className="reminder__message">{reminder.message}</p>
      {reminder.answer ? (
        <div className="reminder__reply">
          <p className="reminder__meta">
            {t('reminder.answered', { name: reminder.answer.answeredBy, at: format.dateTime(reminder.answer.answeredAt) })}
          </p>
          <p>{reminder.answer.explanation}</p>
          {reminder.answer.proposedDueDate ? (
            <p>
              <strong>{t('reminder.proposed', { date: format.date(reminder.answer.proposedDueDate) })}</strong>
            </p>
          ) : null}
        </div>
      ) : null}
      {reminder.decision ? (
        <div className="reminder__reply">
          <p className="reminder__meta">
            {t(reminder.decision.accepted ? 'reminder.decided.accepted' : 'reminder.decided.rejected', {
              name: reminder.decision.decidedBy,
              at: format.dateTime(reminder.decision.decidedAt),
            })}
          </p>
          {reminder.decision.note ? <p>{reminder.decision.note}</p> : null}
        </div>
      ) : null}
      {children}
    </li>
  );
}
