import type { MyCommitmentDetailFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** 推进情况: the progress reports, newest first, with their evidence and figures. */
export function ProgressTimeline({ reports }: { reports: MyCommitmentDetailFragment['progressReports'] }) {
  const { t, format } = useI18n();
  if (reports.length === 0) {
    return <p className="empty">{t('progress.none')}</p>;
  }
  return (
    <ol className="timeline">
      {reports.map((report) => (
        <li key={report.id} className="timeline__item">
          <p className="timeline__head">
            <strong>{format.percent(report.percent / 100)}</strong>
            <time dateTime={report.reportedAt}>{format.dateTime(report.reportedAt)}</time>
            <span>{report.reportedBy}</span>
          </p>
          <p>{report.text}</p>
          {report.figures.length > 0 ? (
            <ul className="figures">
              {report.figures.map((figure) => (
                <li key={`${figure.label}-${figure.value}`}>
                  {figure.label} <strong>{format.number(figure.value)}</strong> {figure.unit ?? ''}
                </li>
              ))}
            </ul>
          ) : null}
          {report.evidence.length > 0 ? (
            <ul className="evidence">
              {report.evidence.map((item) => (
                <li key={item.url}>
                  <a href={item.url} target="_blank" rel="noreferrer">
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
