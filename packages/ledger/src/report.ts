import type { ActivityType, Category } from '@hub/contracts';
import type { LedgerKind } from './kinds.ts';
import { hubDay, type ReportPeriod } from './period.ts';
import { activityTypeLabels, categories, categoryLabels } from './vocabulary.ts';

/**
 * 工作简报: the report a coordinator sends upward for a month or a quarter, for one alliance or
 * all of them. Its model is built here from what the API gives (the figures are the API's own,
 * never recounted); the .docx and the web app's print page both render this one model.
 */

/** Completion figures as the API's stats give them. */
export interface ApiFigures {
  readonly total: number;
  readonly completed: number;
  readonly overdue: number;
  readonly completionRate: number;
  readonly averageProgress: number;
}

/** The selection of `Alliance` the report reads (with `$staleDays` and `$from` variables). */
export const reportAllianceSelection = `id name coordinatorName
  stats(staleDays: $staleDays) {
    overall { total completed overdue completionRate averageProgress }
    byPartner { partnerId partnerName kind total completed overdue completionRate averageProgress }
    byCategory { category total completed overdue completionRate averageProgress }
    stale staleDays
  }
  activities(first: 500, from: $from) { id title type startsAt location host { name } attendance { attendees } }`;

/** An alliance as `reportAllianceSelection` reads it. */
export interface ApiReportAlliance {
  readonly id: string;
  readonly name: string;
  readonly coordinatorName: string;
  readonly stats: {
    readonly overall: ApiFigures;
    readonly byPartner: readonly (ApiFigures & { readonly partnerId: string; readonly partnerName: string; readonly kind: string })[];
    readonly byCategory: readonly (ApiFigures & { readonly category: Category })[];
    readonly stale: number;
    readonly staleDays: number;
  };
  readonly activities: readonly {
    readonly id: string;
    readonly title: string;
    readonly type: ActivityType;
    readonly startsAt: string;
    readonly location?: string | null;
    readonly host?: { readonly name: string } | null;
    readonly attendance: readonly { readonly attendees: number }[];
  }[];
}

/** The selection of a joint-list node for the report's item lists. */
export const reportItemSelection =
  'id partnerId title category status progress dueDate publishedAt completedAt progressReports { percent text reportedAt figures { label value unit } } reminders { answer { explanation proposedDueDate answeredAt } }';

/** A joint-list item as `reportItemSelection` reads it (progress reports latest first). */
export interface ApiReportItem {
  readonly id: string;
  readonly partnerId: string;
  readonly title: string;
  readonly category: Category;
  readonly status: string;
  readonly progress: number;
  readonly dueDate?: string | null;
  readonly publishedAt?: string | null;
  readonly completedAt?: string | null;
  readonly progressReports: readonly {
    readonly percent: number;
    readonly text: string;
    readonly reportedAt: string;
    readonly figures: readonly { readonly label: string; readonly value: number; readonly unit?: string | null }[];
  }[];
  /** 督办, oldest first, with the partner's answers (the coordinator reads them). */
  readonly reminders?:
    | readonly {
        readonly answer?: { readonly explanation: string; readonly proposedDueDate?: string | null; readonly answeredAt: string } | null;
      }[]
    | null;
}

export interface FiguresRow extends ApiFigures {
  readonly alliance: string;
}

/** One item that lags: overdue (days past its due date) or without progress (days since the last sign). */
export interface LaggingItem {
  readonly alliance: string;
  readonly partner: string;
  readonly title: string;
  readonly dueDate: string | null;
  readonly progress: number;
  readonly why: 'OVERDUE' | 'STALE';
  readonly days: number;
  /** The partner's latest word on it: its answer to a reminder (情况说明) or its last progress report. */
  readonly reason: string | null;
  readonly reasonDay: string | null;
  readonly reasonFrom: 'ANSWER' | 'PROGRESS' | null;
}

export interface ReportModel {
  readonly title: string;
  readonly issuer: string;
  readonly scope: 'alliance' | 'all';
  readonly period: { readonly key: string; readonly title: string; readonly firstDay: string; readonly lastDay: string };
  /** The day the figures are as of (today, in the hub's zone). */
  readonly asOf: string;
  readonly overall: ApiFigures & { readonly stale: number; readonly closedInPeriod: number; readonly activitiesInPeriod: number };
  /** Days without progress that make an item stale, per alliance (the API's staleDays). */
  readonly staleDays: number;
  readonly byAlliance: readonly (FiguresRow & { readonly stale: number })[];
  readonly byPartner: readonly (FiguresRow & { readonly partner: string; readonly kind: string })[];
  readonly byCategory: readonly (ApiFigures & { readonly category: string })[];
  readonly lagging: readonly LaggingItem[];
  readonly closed: readonly {
    readonly alliance: string;
    readonly partner: string;
    readonly title: string;
    readonly category: string;
    readonly completedOn: string;
  }[];
  readonly activities: readonly {
    readonly alliance: string;
    readonly day: string;
    readonly title: string;
    readonly type: string;
    readonly host: string;
    readonly location: string | null;
    readonly attendees: number;
  }[];
  readonly progress: readonly {
    readonly alliance: string;
    readonly partner: string;
    readonly title: string;
    readonly day: string;
    readonly percent: number;
    readonly text: string;
    readonly figures: string;
  }[];
}

/** What the report is built from, per alliance: the alliance's figures and activities, and its lists. */
export interface ReportSources {
  readonly alliance: ApiReportAlliance;
  readonly overdue: readonly ApiReportItem[];
  readonly stale: readonly ApiReportItem[];
  readonly completed: readonly ApiReportItem[];
  /** Items with progress reports to choose notable progress from. */
  readonly advancing: readonly ApiReportItem[];
}

/**
 * What the partner last said about an item: its latest answer to a reminder (情况说明, with the
 * new due date it proposes), else its latest progress report; null when it said nothing.
 */
function latestWord(item: ApiReportItem): Pick<LaggingItem, 'reason' | 'reasonDay' | 'reasonFrom'> {
  const answers = (item.reminders ?? []).flatMap((reminder) => (reminder.answer ? [reminder.answer] : []));
  const answer = answers.sort((a, b) => b.answeredAt.localeCompare(a.answeredAt))[0];
  const report = item.progressReports[0];
  if (answer && (!report || answer.answeredAt >= report.reportedAt)) {
    const proposal = answer.proposedDueDate ? `（拟调整完成时限至 ${answer.proposedDueDate}）` : '';
    return { reason: `${answer.explanation}${proposal}`, reasonDay: hubDay(answer.answeredAt), reasonFrom: 'ANSWER' };
  }
  return report
    ? { reason: report.text, reasonDay: hubDay(report.reportedAt), reasonFrom: 'PROGRESS' }
    : { reason: null, reasonDay: null, reasonFrom: null };
}

/** Most notable progress entries a report lists. */
export const notableProgressCount = 10;

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

function inPeriod(instant: string | null | undefined, period: ReportPeriod): boolean {
  if (!instant) {
    return false;
  }
  const day = hubDay(instant);
  return day >= period.firstDay && day <= period.lastDay;
}

/** Sums of figures as the API counts them; the rates from the sums (withdrawn items are in no figure). */
function summed(rows: readonly ApiFigures[]): ApiFigures {
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  const completed = rows.reduce((sum, row) => sum + row.completed, 0);
  return {
    total,
    completed,
    overdue: rows.reduce((sum, row) => sum + row.overdue, 0),
    completionRate: total === 0 ? 0 : completed / total,
    averageProgress: total === 0 ? 0 : rows.reduce((sum, row) => sum + row.averageProgress * row.total, 0) / total,
  };
}

const figuresOf = (figures: ApiFigures): ApiFigures => ({
  total: figures.total,
  completed: figures.completed,
  overdue: figures.overdue,
  completionRate: figures.completionRate,
  averageProgress: figures.averageProgress,
});

/**
 * The report of `period` over `sources` (one per alliance), as of `now`: the figures as the API
 * gives them (one alliance: exactly its stats; several: their sums, rates from the sums), the
 * items that lag (overdue first, then those without progress for staleDays, with the partner's
 * latest word on them: its answer to a reminder or its progress), the items closed (销项) in the period, the
 * activities held in it (started in it, and by `now`) and the most notable progress reported in it (reports with figures
 * first, then the highest percent).
 */
export function buildReport(sources: readonly ReportSources[], period: ReportPeriod, now: Date, kinds: readonly LedgerKind[]): ReportModel {
  const today = hubDay(now);
  const kindLabel = new Map(kinds.map((kind) => [kind.kind, kind.label.zh]));
  const single = sources.length === 1 ? sources[0]?.alliance : undefined;
  const partnerName = (source: ReportSources, partnerId: string) =>
    source.alliance.stats.byPartner.find((row) => row.partnerId === partnerId)?.partnerName ?? partnerId;

  const lagging: LaggingItem[] = [];
  const closed: ReportModel['closed'][number][] = [];
  const activities: ReportModel['activities'][number][] = [];
  const progress: (ReportModel['progress'][number] & { at: string; hasFigures: boolean })[] = [];
  for (const source of sources) {
    const alliance = source.alliance.name;
    const listed = new Set<string>();
    for (const item of source.overdue) {
      listed.add(item.id);
      lagging.push({
        alliance,
        partner: partnerName(source, item.partnerId),
        title: item.title,
        dueDate: item.dueDate ?? null,
        progress: item.progress,
        why: 'OVERDUE',
        days: item.dueDate ? daysBetween(item.dueDate, today) : 0,
        ...latestWord(item),
      });
    }
    for (const item of source.stale.filter((candidate) => !listed.has(candidate.id))) {
      const since = item.progressReports[0]?.reportedAt ?? item.publishedAt;
      lagging.push({
        alliance,
        partner: partnerName(source, item.partnerId),
        title: item.title,
        dueDate: item.dueDate ?? null,
        progress: item.progress,
        why: 'STALE',
        days: since ? daysBetween(hubDay(since), today) : 0,
        ...latestWord(item),
      });
    }
    for (const item of source.completed.filter((candidate) => inPeriod(candidate.completedAt, period))) {
      closed.push({
        alliance,
        partner: partnerName(source, item.partnerId),
        title: item.title,
        category: categoryLabels[item.category] ?? item.category,
        completedOn: hubDay(item.completedAt ?? ''),
      });
    }
    // Held: started in the period and by now (an activity planned for later in the period is not yet held).
    for (const activity of source.alliance.activities.filter(
      (candidate) => inPeriod(candidate.startsAt, period) && Date.parse(candidate.startsAt) <= now.getTime(),
    )) {
      activities.push({
        alliance,
        day: hubDay(activity.startsAt),
        title: activity.title,
        type: activityTypeLabels[activity.type] ?? activity.type,
        host: activity.host?.name ?? '',
        location: activity.location ?? null,
        attendees: activity.attendance.reduce((sum, entry) => sum + entry.attendees, 0),
      });
    }
    for (const item of source.advancing) {
      for (const report of item.progressReports.filter((candidate) => inPeriod(candidate.reportedAt, period))) {
        progress.push({
          alliance,
          partner: partnerName(source, item.partnerId),
          title: item.title,
          day: hubDay(report.reportedAt),
          percent: report.percent,
          text: report.text,
          figures: report.figures.map((figure) => `${figure.label} ${figure.value}${figure.unit ?? ''}`).join('，'),
          at: report.reportedAt,
          hasFigures: report.figures.length > 0,
        });
      }
    }
  }

  const byAlliance = sources.map((source) => ({
    alliance: source.alliance.name,
    ...figuresOf(source.alliance.stats.overall),
    stale: source.alliance.stats.stale,
  }));
  const overall = single ? figuresOf(single.stats.overall) : summed(byAlliance);
  const byCategory = categories.map((category) => {
    const rows = sources.flatMap((source) => source.alliance.stats.byCategory.filter((row) => row.category === category));
    return { category: categoryLabels[category], ...(single && rows[0] ? figuresOf(rows[0]) : summed(rows)) };
  });
  return {
    title: single ? `${single.name}工作简报` : '党建联建共建工作简报（各联盟汇总）',
    issuer: [...new Set(sources.map((source) => source.alliance.coordinatorName))].join('、'),
    scope: single ? 'alliance' : 'all',
    period: { key: period.key, title: period.title, firstDay: period.firstDay, lastDay: period.lastDay },
    asOf: today,
    overall: {
      ...overall,
      stale: sources.reduce((sum, source) => sum + source.alliance.stats.stale, 0),
      closedInPeriod: closed.length,
      activitiesInPeriod: activities.length,
    },
    staleDays: Math.max(0, ...sources.map((source) => source.alliance.stats.staleDays)),
    byAlliance,
    byPartner: sources.flatMap((source) =>
      source.alliance.stats.byPartner.map((row) => ({
        alliance: source.alliance.name,
        partner: row.partnerName,
        kind: kindLabel.get(row.kind) ?? row.kind,
        ...figuresOf(row),
      })),
    ),
    byCategory,
    lagging: lagging.sort((a, b) => (a.why === b.why ? b.days - a.days : a.why === 'OVERDUE' ? -1 : 1)),
    closed: closed.sort((a, b) => a.completedOn.localeCompare(b.completedOn)),
    activities: activities.sort((a, b) => a.day.localeCompare(b.day)),
    progress: progress
      .sort((a, b) => Number(b.hasFigures) - Number(a.hasFigures) || b.percent - a.percent || b.at.localeCompare(a.at))
      .slice(0, notableProgressCount)
      .map(({ at: _at, hasFigures: _hasFigures, ...entry }) => entry),
  };
}

/** A rate as a report writes it: 66.7%. */
export function percentText(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
