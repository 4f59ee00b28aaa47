import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation } from 'urql';
import { useSession } from '../auth/SessionProvider.tsx';
import { AnswerReminderDocument, MarkReminderReadDocument, type ReminderEntryFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { AnswerForm } from './AnswerForm.tsx';
import { ReminderCard } from './ReminderCard.tsx';
import { useReminderInbox } from './useReminderInbox.ts';

/** What an editor can do with one reminder: mark it read, answer it; after an accepted delay, change the due date. */
function ReminderActions({ reminder }: { reminder: ReminderEntryFragment }) {
  const { t, format } = useI18n();
  const [answering, setAnswering] = useState(false);
  const [read, markRead] = useMutation(MarkReminderReadDocument);
  const [answered, answer] = useMutation(AnswerReminderDocument);
  return (
    <>
      {reminder.status === 'ACCEPTED' && reminder.answer?.proposedDueDate ? (
        <Notice>
          {t('reminder.moveDueDate', { date: format.date(reminder.answer.proposedDueDate) })}{' '}
          <Link to={`/my/commitments/${reminder.commitmentId}`}>{t('reminder.openItem')}</Link>
        </Notice>
      ) : null}
      <ApiErrorNotice error={read.error} />
      <div className="form__actions">
        {reminder.read ? null : (
          <button type="button" className="button" disabled={read.fetching} onClick={() => markRead({ id: reminder.id })}>
            {t('reminder.markRead')}
          </button>
        )}
        {reminder.status === 'OPEN' && !answering ? (
          <button type="button" className="button button--primary" onClick={() => setAnswering(true)}>
            {t('reminder.answer')}
          </button>
        ) : null}
      </div>
      {reminder.status === 'OPEN' && answering ? (
        <AnswerForm
          busy={answered.fetching}
          error={answered.error}
          onSubmit={async (input) => {
            const result = await answer({ id: reminder.id, version: reminder.version, input });
            if (!result.error) {
              setAnswering(false);
            }
          }}
        />
      ) : null}
    </>
  );
}

/** 督办事项: a partner editor's reminders, newest first, live; each read, answered, and its decision seen here. */
export function InboxPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const { result, liveError } = useReminderInbox(session?.user.partnerId ?? null);
  const inbox = result.data?.reminderInbox;
  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1>{t('inbox.title')}</h1>
          <p className="page__lead">{t('inbox.lead')}</p>
        </div>
        {inbox && inbox.unreadCount > 0 ? (
          <span className="badge badge--overdue" data-testid="inbox-unread">
            {t('inbox.unread', { count: inbox.unreadCount })}
          </span>
        ) : null}
      </header>
      <ApiErrorNotice error={result.error ?? liveError} />
      {!inbox && result.fetching ? <Loading /> : null}
      {inbox?.reminders.length === 0 ? <p className="empty">{t('inbox.none')}</p> : null}
      <ol className="reminders" data-testid="reminders">
        {inbox?.reminders.map((reminder) => (
          <ReminderCard key={reminder.id} reminder={reminder} itemHref={`/my/commitments/${reminder.commitmentId}`}>
            <ReminderActions reminder={reminder} />
          </ReminderCard>
        ))}
      </ol>
    </section>
  );
}
