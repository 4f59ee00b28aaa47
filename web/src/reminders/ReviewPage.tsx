import { useMutation } from 'urql';
import { CoordinatorNotice } from '../coordinator/CoordinatorNotice.tsx';
import { DecideReminderDocument, type ReminderEntryFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { ReminderCard } from './ReminderCard.tsx';
import { useReminderInbox } from './useReminderInbox.ts';

/** The coordinator's decision on one answered reminder. */
export function Decide({ reminder }: { reminder: ReminderEntryFragment }) {
  const [decided, decide] = useMutation(DecideReminderDocument);
  return (
    <DecisionForm
      busy={decided.fetching}
      error={decided.error}
      onSubmit={(input) => decide({ id: reminder.id, version: reminder.version, input })}
    />
  );
}

/** 督办回复: the answers the partners gave, awaiting the coordinator's decision, oldest first. */
export function ReviewPage() {
  const { t } = useI18n();
  const { result } = useReminderInbox(null);
  const inbox = result.data?.reminderInbox;
  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1>{t('inbox.coordinatorTitle')}</h1>
          <p className="page__lead">{t('inbox.coordinatorLead')}</p>
        </div>
      </header>
      <CoordinatorNotice />
      <ApiErrorNotice error={result.error} />
      {!inbox && result.fetching ? <Loading /> : null}
      {inbox?.reminders.length === 0 ? <p className="empty">{t('inbox.coordinatorNone')}</p> : null}
      <ol className="reminders" data-testid="reminders">
        {inbox?.reminders.map((reminder) => (
          <ReminderCard
            key={reminder.id}
            reminder={reminder}
            showPartner
            itemHref={`/alliances/${reminder.allianceId}/items/${reminder.commitmentId}`}
          >
            <Decide reminder={reminder} />
          </ReminderCard>
        ))}
      </ol>
    </section>
  );
}
