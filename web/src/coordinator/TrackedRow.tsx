import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { TrackedCommitmentDetailDocument, type TrackedCommitmentFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { LightBadge } from '../ui/LightBadge.tsx';
import { Loading } from '../ui/Loading.tsx';
import { ProgressBar } from '../ui/ProgressBar.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';

function TrackedDetail({ id }: { id: string }) {
  const { t, format } = useI18n();
  const [result] = useQuery({ query: TrackedCommitmentDetailDocument, variables: { id } });
  const detail = result.data?.commitment;
  if (result.error) {
    return <ApiErrorNotice error={result.error} />;
  }
  if (!detail) {
    return <Loading />;
  }
  return (
    <div className="tracked-detail">
      {detail.description ? <p>{detail.description}</p> : null}
      {detail.withdrawReason ? (
        <p>
          {t('withdraw.reason')}
          {t('common.colon')}
          {detail.withdrawReason}
        </p>
      ) : null}
      <h3>{t('progress.reports')}</h3>
      {detail.progressReports.length === 0 ? <p className="empty">{t('progress.none')}</p> : null}
      <ol className="timeline">
        {detail.progressReports.map((report) => (
          <li key={report.id} className="timeline__item">
            <p className="timeline__head">
              <strong>{format.percent(report.percent / 100)}</strong>
              <time dateTime={report.reportedAt}>{format.dateTime(report.reportedAt)}</time>
            </p>
            <p>{report.text}</p>
            {report.figures.map((figure) => (
              <span key={`${figure.label}-${figure.value}`} className="tag">
                {figure.label} {format.number(figure.value)}
                {figure.unit ?? ''}
              </span>
            ))}
            {report.evidence.map((item) => (
              <a key={item.url} className="tag" href={item.url} target="_blank" rel="noreferrer">
                {item.label}
              </a>
            ))}
          </li>
        ))}
      </ol>
    </div>
  );
}

interface TrackedRowProps {
  readonly item: TrackedCommitmentFragment;
  readonly overdue: boolean;
  readonly partnerName: string;
  /** Where it happens, from its kind's place field. */
  readonly place: string | null;
  /** The coordinator's page of the item: its full history and reminders. */
  readonly itemHref: string;
}

/** A row of the tracking view with the item's light; opening it shows its progress reports and evidence, its link the full history and reminders. */
export function TrackedRow({ item, overdue, partnerName, place, itemHref }: TrackedRowProps) {
  const { t, format } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr className={overdue ? 'is-overdue' : undefined} data-commitment-id={item.id}>
        <td data-label={t('commitment.field.title')}>
          <button type="button" className="table__toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
            {item.title}
          </button>
          <span className="table__sub">
            {partnerName}
            {item.branch ? ` · ${item.branch.name}` : ''}
            {place ? ` · ${place}` : ''}
          </span>
          <span className="table__sub">
            <Link to={itemHref}>{t('tracking.openItem')}</Link>
            {item.reminderCount ? ` · ${t('tracking.reminderCount', { count: item.reminderCount })}` : ''}
          </span>
        </td>
        <td data-label={t('light.label')}>
          <LightBadge light={item.light} reason={item.lightReason} compact />
        </td>
        <td data-label={t('commitment.field.category')}>{t(`category.${item.category}`)}</td>
        <td data-label={t('commitment.status')}>
          <StatusBadge status={item.status} overdue={overdue} />
        </td>
        <td data-label={t('commitment.progress')}>
          <ProgressBar percent={item.progress} overdue={overdue} />
        </td>
        <td data-label={t('commitment.field.dueDate')}>{format.date(item.dueDate)}</td>
      </tr>
      {open ? (
        <tr className="table__detail">
          <td colSpan={6}>
            <TrackedDetail id={item.id} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
