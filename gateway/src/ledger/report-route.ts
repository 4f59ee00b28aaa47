import { ErrorCode } from '@hub/contracts';
import { HttpError, sendJson } from '@hub/http';
import {
  type ApiReportAlliance,
  type ApiReportItem,
  buildReport,
  hubDay,
  type LedgerKind,
  parsePeriod,
  partnerKindsSelection,
  type ReportModel,
  type ReportPeriod,
  type ReportSources,
  reportAllianceSelection,
  reportDocx,
  reportItemSelection,
} from '@hub/ledger';
import { sendFileHeaders } from './api.ts';
import { exportPageSize } from './export-route.ts';
import { type LedgerRequest, requireRole } from './request.ts';

/** Most overdue (and, apart, stale) items a report lists; its figures count them all. */
export const reportListLimit = 500;

interface ListPage {
  alliance: {
    coBuildingList: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: ApiReportItem | null }[] };
  } | null;
}

const listQuery = `query ReportItems($allianceId: ID!, $filter: CoBuildingListFilter, $first: Int!, $after: String) {
  alliance(id: $allianceId) {
    coBuildingList(filter: $filter, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { node { ${reportItemSelection} } }
    }
  }
}`;

/** Pages through the alliance's list with `filter`, keeping the items `keep` accepts, up to `limit`. */
async function listItems(
  ledger: LedgerRequest,
  allianceId: string,
  filter: object,
  keep: (item: ApiReportItem) => boolean,
  limit = Number.POSITIVE_INFINITY,
) {
  const items: ApiReportItem[] = [];
  let after: string | null = null;
  do {
    const page: ListPage = await ledger.run<ListPage>(ledger.viewer, listQuery, { allianceId, filter, first: exportPageSize, after });
    const list = page.alliance?.coBuildingList;
    for (const edge of list?.edges ?? []) {
      if (!edge.node) {
        throw new HttpError(503, ErrorCode.SUBGRAPH_UNAVAILABLE, 'An item’s partner data is unavailable; try the report again shortly');
      }
      if (keep(edge.node) && items.length < limit) {
        items.push(edge.node);
      }
    }
    after = list?.pageInfo.hasNextPage && items.length < limit ? list.pageInfo.endCursor : null;
  } while (after);
  return items;
}

/** One alliance's part of the report: its figures and activities, and the lists the report names. */
async function allianceSources(ledger: LedgerRequest, allianceId: string, period: ReportPeriod): Promise<ReportSources> {
  const heading = await ledger.run<{ alliance: { lightThresholds: { staleDays: number } } | null }>(
    ledger.viewer,
    'query ReportThresholds($id: ID!) { alliance(id: $id) { lightThresholds { staleDays } } }',
    { id: allianceId },
  );
  if (!heading.alliance) {
    throw new HttpError(404, ErrorCode.NOT_FOUND, `There is no alliance ${allianceId}`);
  }
  const staleDays = heading.alliance.lightThresholds.staleDays;
  const data = await ledger.run<{ alliance: ApiReportAlliance | null }>(
    ledger.viewer,
    `query ReportAlliance($id: ID!, $staleDays: Int!, $from: DateTime!) { alliance(id: $id) { ${reportAllianceSelection} } }`,
    { id: allianceId, staleDays, from: period.from.toISOString() },
  );
  if (!data.alliance) {
    throw new HttpError(404, ErrorCode.NOT_FOUND, `There is no alliance ${allianceId}`);
  }
  const inPeriod = (instant: string | null | undefined) =>
    Boolean(instant && hubDay(instant) >= period.firstDay && hubDay(instant) <= period.lastDay);
  const everything = () => true;
  const overdue = await listItems(ledger, allianceId, { overdue: true }, everything, reportListLimit);
  const stale = await listItems(ledger, allianceId, { staleDays }, everything, reportListLimit);
  // Closed in the period, or with progress reported in it: only those are kept while paging.
  const active = await listItems(
    ledger,
    allianceId,
    { status: ['IN_PROGRESS', 'COMPLETED'] },
    (item) => inPeriod(item.completedAt) || item.progressReports.some((report) => inPeriod(report.reportedAt)),
  );
  return { alliance: data.alliance, overdue, stale, completed: active.filter((item) => item.status === 'COMPLETED'), advancing: active };
}

/** The report a request asks for: `period` (2026-03, 2026-Q1) and `alliance` (an id, or all). Coordinator only. */
async function buildRequestedReport(ledger: LedgerRequest): Promise<ReportModel> {
  requireRole(ledger.viewer, 'coordinator', 'write reports');
  const period = parsePeriod(ledger.params.get('period') ?? '');
  if (!period) {
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'period: must be a month (2026-03) or a quarter (2026-Q1) of the years 2000–2100');
  }
  const alliance = ledger.params.get('alliance') ?? '';
  if (alliance !== 'all' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(alliance)) {
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'alliance: must be an alliance id or all');
  }
  const heading = await ledger.run<{ partnerKinds: LedgerKind[]; alliances: { id: string }[] }>(
    ledger.viewer,
    `query ReportHeading { ${partnerKindsSelection} alliances { id } }`,
  );
  const ids = alliance === 'all' ? heading.alliances.map((entry) => entry.id) : [alliance.toLowerCase()];
  const sources: ReportSources[] = [];
  for (const id of ids) {
    sources.push(await allianceSources(ledger, id, period));
  }
  return buildReport(sources, period, new Date(), heading.partnerKinds);
}

/** GET /ledger/report?alliance=<id|all>&period=<2026-03|2026-Q1>: the report's model as JSON (the web app's print page). */
export async function reportJson(ledger: LedgerRequest): Promise<void> {
  sendJson(ledger.response, 200, await buildRequestedReport(ledger), { 'cache-control': 'no-store' });
}

/** GET /ledger/report.docx?…: the same report as a Word document. */
export async function reportWord(ledger: LedgerRequest): Promise<void> {
  const model = await buildRequestedReport(ledger);
  const file = await reportDocx(model);
  sendFileHeaders(
    ledger.response,
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    `${model.title}-${model.period.title}.docx`,
    `report-${model.period.key}.docx`,
  );
  ledger.response.end(file);
}
