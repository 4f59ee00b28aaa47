import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { isOpen } from '../app/commitment-rules.ts';
import { fieldLabelOf, shownValue } from '../editor/HistoryList.tsx';
import { CoordinatedItemDocument, SendReminderDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { usePartnerKinds } from '../kinds/PartnerKindsProvider.tsx';
import { ReminderCard } from '../reminders/ReminderCard.tsx';
import { ReminderForm } from '../reminders/ReminderForm.tsx';
import { Decide } from '../reminders/ReviewPage.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { LightBadge } from '../ui/LightBadge.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { ProgressBar } from '../ui/ProgressBar.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { useAdminAlliance } from './AllianceLayout.tsx';
import { type TimelineEntry, timelineOf } from './item-timeline.ts';

/** One entry of the merged history, in words. */
function Entry({ entry, kindOf }: { entry: TimelineEntry; kindOf: Parameters<typeof fieldLabelOf>[1] }) {
  const { t, format, lang } = useI18n();
  const what = () => {
    switch (entry.kind) {
      case 'change': {
        const { field, oldValue, newValue } = entry.change;
        return (
          <>
            {fieldLabelOf(field, kindOf, t, lang) ?? <code>{field}</code>}
            {t('common.colon')}
            {shownValue(field, oldValue, t)} → {shownValue(field, newValue, t)}
          </>
        );
      }
      case 'progress':
        return (
          <>
            <strong>{format.percent(entry.report.percent / 100)}</strong> {entry.report.text}
          </>
        );
      case 'reminder':
        return (
          <>
            {t(`reminder.trigger.${entry.reminder.trigger}`)}
            {t('common.colon')}
            {entry.reminder.message}
            {t('common.asideOpen')}
            {t('reminder.replyByDate', { date: format.date(entry.reminder.replyBy) })}
            {t('common.asideClose')}
          </>
        );
      case 'answer':
        return (
          <>
            {entry.reminder.answer?.explanation}
            {entry.reminder.answer?.proposedDueDate
              ? `${t('common.asideOpen')}${t('reminder.proposed', { date: format.date(entry.reminder.answer.proposedDueDate) })}${t('common.asideClose')}`
              : ''}
          </>
        );
      case 'decision':
        return (
          <>
            {t(entry.reminder.decision?.accepted ? 'reminder.accept' : 'reminder.reject')}
            {entry.reminder.decision?.note ? `${t('common.colon')}${entry.reminder.decision.note}` : ''}
          </>
        );
    }
  };
  return (
    <li className="timeline__item" data-entry={entry.kind}>
      <p className="timeline__head">
        <span className={`entry-kind entry-kind--${entry.kind}`}>{t(`item.entry.${entry.kind}`)}</span>
        <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
        <span>{entry.actor ?? t('item.actorHub')}</span>
      </p>
      <p>{what()}</p>
    </li>
  );
}

/**
 * One item of the joint list for the coordinator: its facts and light, its full history (the
 * partner's changes with old and new values and its progress reports, the reminders with their
 * answers and decisions), a reminder to send and the answers to decide.
 */
export function ItemPage() {
  const { t, format } = useI18n();
  const alliance = useAdminAlliance();
  const { commitmentId = '' } = useParams();
  const kinds = usePartnerKinds();
  const [result] = useQuery({ query: CoordinatedItemDocument, variables: { id: commitmentId } });
  const [sent, send] = useMutation(SendReminderDocument);
  const [done, setDone] = useState<string | null>(null);
  const item = result.data?.commitment;
  const back = (
    <p className="breadcrumb">
      <Link to={`/alliances/${alliance.id}/tracking`}>{t('item.back')}</Link>
    </p>
  );
  if (!item) {
    return (
      <>
        {back}
        <ApiErrorNotice error={result.error} />
        {result.fetching ? <Loading /> : null}
        {result.data && !item ? <Notice tone="warning">{t('item.missing')}</Notice> : null}
      </>
    );
  }
  const details = 'title' in item ? item : null;
  const reminders = item.reminders ?? [];
  const entries = timelineOf(details?.history ?? [], details?.progressReports ?? [], reminders);
  const kind = kinds.kinds?.ofCommitment(item.__typename);
  const partner = alliance.members.find((member) => member.partnerId === details?.partnerId)?.name ?? details?.partnerId;
  const awaiting = reminders.filter((reminder) => reminder.status === 'ANSWERED');
  return (
    <>
      {back}
      <ApiErrorNotice error={result.error} />
      <header>
        <h2 data-testid="item-title">{details?.title}</h2>
        <div className="item-facts">
          <LightBadge light={item.light} reason={item.lightReason} />
          {details ? <StatusBadge status={details.status} /> : null}
          {details ? <ProgressBar percent={details.progress} /> : null}
          <span>
            {t('commitment.field.dueDate')}
            {t('common.colon')}
            {details?.dueDate ? format.date(details.dueDate) : t('commitment.noDueDate')}
          </span>
          <span>
            {t('item.partner')}
            {t('common.colon')}
            {partner}
            {details?.branch ? ` · ${details.branch.name}` : ''}
          </span>
          {item.reminderCount !== null && item.reminderCount !== undefined ? (
            <span data-testid="reminder-total">{t('item.reminderCount', { count: item.reminderCount })}</span>
          ) : null}
        </div>
        {details?.description ? <p>{details.description}</p> : null}
      </header>
      <div className="item-layout">
        <section aria-labelledby="timeline-title">
          <h3 id="timeline-title">{t('item.timeline')}</h3>
          <p className="field__hint">{t('item.timeline.lead')}</p>
          {entries.length === 0 ? <p className="empty">{t('item.timeline.none')}</p> : null}
          <ol className="timeline" data-testid="item-timeline">
            {entries.map((entry) => (
              <Entry key={entry.key} entry={entry} kindOf={kind} />
            ))}
          </ol>
        </section>
        <aside>
          {details && isOpen(details.status) ? (
            <ReminderForm
              title={t('reminder.sendTitle')}
              submitLabel={t('reminder.send')}
              busy={sent.fetching}
              error={sent.error}
              done={done}
              onSubmit={async (input) => {
                setDone(null);
                const outcome = await send({ input: { commitmentId: item.id, ...input } });
                if (!outcome.error) {
                  setDone(t('reminder.sent'));
                }
              }}
            />
          ) : (
            <p className="field__hint">{t('reminder.closedItem')}</p>
          )}
          {awaiting.length > 0 ? (
            <>
              <h3>{t('reminder.decide')}</h3>
              <ol className="reminders">
                {awaiting.map((reminder) => (
                  <ReminderCard key={reminder.id} reminder={reminder}>
                    <Decide reminder={reminder} />
                  </ReminderCard>
                ))}
              </ol>
            </>
          ) : null}
        </aside>
      </div>
    </>
  );
}
