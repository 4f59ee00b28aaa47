import { type ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../auth/SessionProvider.tsx';
import { AllianceDirectoryDocument } from '../generated/graphql.ts';
import { todayIso } from '../i18n/hub-time.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { LedgerFilesNotice } from './LedgerFilesNotice.tsx';
import { downloadFile, fetchReport, LedgerFilesError, lastMonthKey, type Report } from './ledger-files.ts';

const numerals = ['一', '二', '三', '四', '五', '六', '七'];
const percent = (rate: number) => `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
const average = (value: number) => `${(Math.round(value * 10) / 10).toFixed(1)}%`;
/** 2026-03-31 → 2026年3月31日 (the report is a Chinese document, whatever the interface's language). */
const chineseDate = (day: string) => {
  const [year, month, date] = day.split('-').map(Number);
  return `${year}年${month}月${date}日`;
};

/** The period picker: a month (2026-03) or a quarter (2026-Q1). */
function PeriodPicker({ value, onChange }: { value: string; onChange(period: string): void }) {
  const { t } = useI18n();
  const quarter = /^(\d{4})-Q([1-4])$/.exec(value);
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  const year = (quarter ?? month)?.[1] ?? todayIso().slice(0, 4);
  const thisYear = Number(todayIso().slice(0, 4));
  return (
    <div className="report-controls__period">
      <label className="filters__control">
        <span>{t('ledgerFiles.report.kind')}</span>
        <select
          value={quarter ? 'quarter' : 'month'}
          onChange={(event) => onChange(event.target.value === 'quarter' ? `${year}-Q1` : `${year}-01`)}
        >
          <option value="month">{t('ledgerFiles.report.month')}</option>
          <option value="quarter">{t('ledgerFiles.report.quarter')}</option>
        </select>
      </label>
      <label className="filters__control">
        <span>{t('ledgerFiles.report.year')}</span>
        <select value={year} onChange={(event) => onChange(value.replace(/^\d{4}/, event.target.value))}>
          {[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((candidate) => (
            <option key={candidate} value={String(candidate)}>
              {candidate}
            </option>
          ))}
        </select>
      </label>
      <label className="filters__control">
        <span>{quarter ? t('ledgerFiles.report.quarter') : t('ledgerFiles.report.month')}</span>
        <select name="period" value={value} onChange={(event) => onChange(event.target.value)}>
          {quarter
            ? [1, 2, 3, 4].map((number) => (
                <option key={number} value={`${year}-Q${number}`}>
                  {t('ledgerFiles.report.quarterN', { n: number })}
                </option>
              ))
            : Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, '0')}`).map((key) => (
                <option key={key} value={key}>
                  {t('ledgerFiles.report.monthN', { n: Number(key.slice(5)) })}
                </option>
              ))}
        </select>
      </label>
    </div>
  );
}

function FiguresTable({ headers, rows }: { headers: readonly string[]; rows: readonly (readonly (string | number)[])[] }) {
  return (
    <table className="report__table">
      <thead>
        <tr>
          {headers.map((header) => (
            <th key={header}>{header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            {row.map((cell, column) => (
              <td key={column}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The report as a document: the same sections, figures and words as its .docx. */
function ReportDocument({ report }: { report: Report }) {
  const many = report.scope === 'all';
  const head = (headers: string[]) => (many ? ['联盟', ...headers] : headers);
  const row = (cells: (string | number)[], alliance: string) => (many ? [alliance, ...cells] : cells);
  const { overall, period } = report;
  const sections: { title: string; className?: string; body: ReactNode }[] = [
    {
      title: '总体情况',
      body: (
        <>
          <p data-testid="report-overall">
            截至{chineseDate(report.asOf)}，共建清单在册事项 {overall.total} 项（不含已撤回事项），已销项 {overall.completed} 项，完成率{' '}
            {percent(overall.completionRate)}，平均进展 {average(overall.averageProgress)}；逾期未完成 {overall.overdue} 项，超过{' '}
            {report.staleDays} 天未报送进展 {overall.stale} 项。{period.title}内销项 {overall.closedInPeriod} 项，开展联建活动{' '}
            {overall.activitiesInPeriod} 次。
          </p>
          {many ? (
            <FiguresTable
              headers={['联盟', '事项数', '已销项', '完成率', '逾期', '无进展']}
              rows={report.byAlliance.map((entry) => [
                entry.alliance,
                entry.total,
                entry.completed,
                percent(entry.completionRate),
                entry.overdue,
                entry.stale,
              ])}
            />
          ) : null}
        </>
      ),
    },
    {
      title: '各共建单位完成情况',
      body: (
        <FiguresTable
          headers={head(['共建单位', '单位类型', '事项数', '已销项', '完成率', '逾期', '平均进展'])}
          rows={report.byPartner.map((entry) =>
            row(
              [
                entry.partner,
                entry.kind,
                entry.total,
                entry.completed,
                percent(entry.completionRate),
                entry.overdue,
                average(entry.averageProgress),
              ],
              entry.alliance,
            ),
          )}
        />
      ),
    },
    {
      title: '各类别完成情况',
      body: (
        <FiguresTable
          headers={['类别', '事项数', '已销项', '完成率', '逾期', '平均进展']}
          rows={report.byCategory.map((entry) => [
            entry.category,
            entry.total,
            entry.completed,
            percent(entry.completionRate),
            entry.overdue,
            average(entry.averageProgress),
          ])}
        />
      ),
    },
    {
      title: '逾期及滞后事项',
      className: 'report__section--new-page',
      body: report.lagging.length ? (
        <>
          <p>
            逾期未完成 {overall.overdue} 项，超过 {report.staleDays} 天未报送进展 {overall.stale}{' '}
            项，情况如下（情况说明为责任单位对督办的最近答复，未答复的为其最近一次报送的进展）：
          </p>
          <FiguresTable
            headers={head(['共建单位', '事项名称', '完成时限', '进展', '滞后情况', '情况说明'])}
            rows={report.lagging.map((item) =>
              row(
                [
                  item.partner,
                  item.title,
                  item.dueDate ?? '—',
                  `${item.progress}%`,
                  item.why === 'OVERDUE' ? `逾期 ${item.days} 天` : `${item.days} 天无进展`,
                  item.reason ? `${item.reason}（${item.reasonDay}）` : '未报送进展',
                ],
                item.alliance,
              ),
            )}
          />
        </>
      ) : (
        <p>无逾期或滞后事项。</p>
      ),
    },
    {
      title: `${period.title}销项事项`,
      body: report.closed.length ? (
        <FiguresTable
          headers={head(['共建单位', '事项名称', '类别', '销项日期'])}
          rows={report.closed.map((item) => row([item.partner, item.title, item.category, item.completedOn], item.alliance))}
        />
      ) : (
        <p>{period.title}无销项事项。</p>
      ),
    },
    {
      title: `${period.title}联建活动`,
      body: report.activities.length ? (
        <FiguresTable
          headers={head(['日期', '活动', '类型', '主办单位', '参加人数'])}
          rows={report.activities.map((item) => row([item.day, item.title, item.type, item.host, item.attendees], item.alliance))}
        />
      ) : (
        <p>{period.title}未开展联建活动。</p>
      ),
    },
    {
      title: '重要进展',
      body: report.progress.length ? (
        <ol className="report__list">
          {report.progress.map((item, index) => (
            <li key={index}>
              {many ? `${item.alliance}·` : ''}
              {item.partner}「{item.title}」（{item.day}，进展 {item.percent}%）：{item.text}
              {item.figures ? `（${item.figures}）` : ''}
            </li>
          ))}
        </ol>
      ) : (
        <p>{period.title}无新报送的进展。</p>
      ),
    },
  ];
  return (
    <article className="report" data-testid="report" lang="zh-CN">
      {/* A table whose header repeats on every printed page: the running head with the period. */}
      <table className="report__frame">
        <thead>
          <tr>
            <td className="report__frame-cell">
              <div className="report__running-head">
                <span>{report.title}</span>
                <span>
                  {period.title}（{period.firstDay} 至 {period.lastDay}）
                </span>
              </div>
            </td>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td className="report__frame-cell">
              <header className="report__masthead">
                <p className="report__masthead-name">党建联建共建工作简报</p>
                <p className="report__masthead-period">{period.title}</p>
                <p className="report__masthead-issuer">
                  <span>{report.issuer}</span>
                  <span>{chineseDate(report.asOf)}</span>
                </p>
              </header>
              <h1 className="report__title">{report.title}</h1>
              <p className="report__dates">
                （{chineseDate(period.firstDay)}至{chineseDate(period.lastDay)}）
              </p>
              {sections.map((section, index) => (
                <section key={section.title} className={`report__section ${section.className ?? ''}`}>
                  <h2>
                    {numerals[index]}、{section.title}
                  </h2>
                  {section.body}
                </section>
              ))}
            </td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}

/**
 * 工作简报: the coordinator's monthly or quarterly report of one alliance or all, on screen and
 * ready to print (the print stylesheet drops the navigation and controls, repeats a running head
 * with the period on every page and starts the item lists on a new page), or as a Word file.
 */
export function ReportPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const allianceId = params.get('alliance') ?? 'all';
  const period = params.get('period') ?? lastMonthKey(todayIso());
  const [directory] = useQuery({ query: AllianceDirectoryDocument, pause: session?.user.role !== 'coordinator' });
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<LedgerFilesError | null>(null);
  const [busy, setBusy] = useState(false);
  const token = session?.user.role === 'coordinator' ? session.token : null;

  useEffect(() => {
    if (!token) {
      return;
    }
    let current = true;
    setBusy(true);
    setError(null);
    fetchReport(token, allianceId, period)
      .then((next) => current && setReport(next))
      .catch((failure: unknown) => current && setError(failure instanceof LedgerFilesError ? failure : null))
      .finally(() => current && setBusy(false));
    return () => {
      current = false;
    };
  }, [token, allianceId, period]);

  if (!token) {
    return <Notice tone="warning">{t('ledgerFiles.report.coordinatorOnly')}</Notice>;
  }
  const choose = (next: { alliance?: string; period?: string }) =>
    setParams({ alliance: next.alliance ?? allianceId, period: next.period ?? period }, { replace: true });
  const word = async () => {
    setError(null);
    try {
      await downloadFile(`/ledger/report.docx?${new URLSearchParams({ alliance: allianceId, period })}`, token, 'report.docx');
    } catch (failure) {
      setError(failure instanceof LedgerFilesError ? failure : null);
    }
  };
  return (
    <section className="page report-page">
      <header className="page__header report-controls">
        <div>
          <h1>{t('ledgerFiles.report.title')}</h1>
          <p className="page__lead">{t('ledgerFiles.report.lead')}</p>
        </div>
        <div className="report-controls__actions">
          <button type="button" className="button button--primary" data-action="print" disabled={!report} onClick={() => window.print()}>
            {t('ledgerFiles.report.print')}
          </button>
          <button type="button" className="button" data-action="word" onClick={word}>
            {t('ledgerFiles.report.word')}
          </button>
        </div>
      </header>
      <div className="filters report-controls">
        <label className="filters__control">
          <span>{t('ledgerFiles.report.alliance')}</span>
          <select name="alliance" value={allianceId} onChange={(event) => choose({ alliance: event.target.value })}>
            <option value="all">{t('ledgerFiles.report.allAlliances')}</option>
            {(directory.data?.alliances ?? []).map((alliance) => (
              <option key={alliance.id} value={alliance.id}>
                {alliance.name}
              </option>
            ))}
          </select>
        </label>
        <PeriodPicker value={period} onChange={(next) => choose({ period: next })} />
      </div>
      <LedgerFilesNotice error={error} />
      {busy && !report ? <Loading /> : null}
      {report ? <ReportDocument report={report} /> : null}
    </section>
  );
}
