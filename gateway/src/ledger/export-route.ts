import { ErrorCode } from '@hub/contracts';
import { HttpError } from '@hub/http';
import { logger } from '@hub/http/log';
import {
  describeFilter,
  type ExportRequest,
  hubDay,
  hubMinute,
  type LedgerKind,
  type LedgerNode,
  type LedgerRow,
  ledgerColumns,
  ledgerNodeSelection,
  ledgerRowOf,
  parseExportRequest,
  partnerKindsSelection,
  writeLedgerWorkbook,
} from '@hub/ledger';
import { sendFileHeaders } from './api.ts';
import { type LedgerRequest, requireRole } from './request.ts';

const log = logger('gateway');

/** Items asked for per page of the joint list (the API allows 1–1000). */
export const exportPageSize = 500;

interface AllianceHeading {
  id: string;
  name: string;
  members: { partnerId: string; name: string; kind: string }[];
}

const allianceFields = 'id name members { partnerId name kind }';

/** The kinds and the alliance(s) an export covers; 404 for an alliance that does not exist. */
async function loadHeadings(ledger: LedgerRequest, alliance: string | null) {
  const data = await ledger.run<{ partnerKinds: LedgerKind[]; alliances?: AllianceHeading[]; alliance?: AllianceHeading | null }>(
    ledger.viewer,
    alliance
      ? `query LedgerHeading($id: ID!) { ${partnerKindsSelection} alliance(id: $id) { ${allianceFields} } }`
      : `query LedgerHeadings { ${partnerKindsSelection} alliances { ${allianceFields} } }`,
    alliance ? { id: alliance } : {},
  );
  const alliances = alliance ? (data.alliance ? [data.alliance] : []) : (data.alliances ?? []);
  if (alliance && alliances.length === 0) {
    throw new HttpError(404, ErrorCode.NOT_FOUND, `There is no alliance ${alliance}`);
  }
  return { kinds: data.partnerKinds, alliances };
}

interface ListPage {
  alliance: {
    coBuildingList: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: LedgerNode | null }[] };
  } | null;
}

/**
 * The rows of every alliance of the export, page by page through the API's cursor pagination,
 * each page converted as it arrives. An item whose partner's data is missing fails the export.
 */
async function* ledgerPages(ledger: LedgerRequest, request: ExportRequest, kinds: LedgerKind[], alliances: AllianceHeading[]) {
  const query = `query LedgerPage($allianceId: ID!, $filter: CoBuildingListFilter, $first: Int!, $after: String, $orderBy: CommitmentOrder!) {
    alliance(id: $allianceId) {
      coBuildingList(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
        pageInfo { hasNextPage endCursor }
        edges { node { ${ledgerNodeSelection(kinds, ['light', 'reminderCount'])} } }
      }
    }
  }`;
  const kindsByType = new Map(kinds.map((kind) => [`${kind.typePrefix}Commitment`, kind]));
  const today = hubDay(new Date());
  for (const alliance of alliances) {
    const context = {
      allianceName: alliance.name,
      partnerNames: new Map(alliance.members.map((m) => [m.partnerId, m.name])),
      kindsByType,
      today,
    };
    let after: string | null = null;
    do {
      const page: ListPage = await ledger.run<ListPage>(ledger.viewer, query, {
        allianceId: alliance.id,
        filter: request.filter,
        first: exportPageSize,
        after,
        orderBy: request.order,
      });
      const list = page.alliance?.coBuildingList;
      if (!list) {
        throw new HttpError(404, ErrorCode.NOT_FOUND, `The alliance ${alliance.id} is gone`);
      }
      yield list.edges.map((edge) => {
        if (!edge.node) {
          throw new HttpError(503, ErrorCode.SUBGRAPH_UNAVAILABLE, 'An item’s partner data is unavailable; try the export again shortly');
        }
        return ledgerRowOf(edge.node, context);
      });
      after = list.pageInfo.hasNextPage ? list.pageInfo.endCursor : null;
    } while (after);
  }
}

/** The first page is read before anything is sent, so a refusal is still an HTTP error. */
async function startedPages(pages: AsyncGenerator<LedgerRow[]>): Promise<AsyncGenerator<LedgerRow[]>> {
  const first = await pages.next();
  return (async function* () {
    if (!first.done) {
      yield first.value;
      yield* pages;
    }
  })();
}

/**
 * GET /ledger/export.xlsx?alliance=<id|all>&<the tracking view's filters>: the joint list as a
 * 台账 workbook (coordinator only), streamed while the API's pages arrive.
 */
export async function exportLedger(ledger: LedgerRequest): Promise<void> {
  requireRole(ledger.viewer, 'coordinator', 'export the ledger');
  const allianceParam = ledger.params.get('alliance');
  const single = allianceParam && allianceParam !== 'all' ? allianceParam : null;
  if (single && !/^[0-9a-f-]{36}$/i.test(single)) {
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'alliance: must be an alliance id or all');
  }
  const { kinds, alliances } = await loadHeadings(ledger, single);
  const request = parseExportRequest(
    ledger.params,
    kinds.map((kind) => kind.kind),
  );
  if ('problem' in request) {
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, request.problem);
  }
  const pages = await startedPages(ledgerPages(ledger, request, kinds, alliances));
  const now = new Date();
  const scope = single ? (alliances[0]?.name ?? '') : '全部联盟';
  const note = `导出时间：${hubMinute(now)}（北京时间）　筛选：${describeFilter(request, {
    kinds: new Map(kinds.map((kind) => [kind.kind, kind.label.zh])),
    partners: new Map(alliances.flatMap((alliance) => alliance.members.map((member) => [member.partnerId, member.name]))),
  })}`;
  sendFileHeaders(
    ledger.response,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    `共建清单台账-${scope}-${hubDay(now)}.xlsx`,
    `ledger-${hubDay(now)}.xlsx`,
  );
  try {
    await writeLedgerWorkbook(ledger.response, pages, {
      title: `${scope}共建清单台账`,
      note,
      columns: ledgerColumns({ allianceColumn: !single, kinds, light: true, reminders: true }),
      byAlliance: !single,
      // Every member is summed up, as the API's stats list them (by name), items or not.
      known: {
        alliances: alliances.map((alliance) => alliance.name),
        partners: [...new Set(alliances.flatMap((alliance) => alliance.members.map((member) => member.name)))].sort((a, b) =>
          a.localeCompare(b, 'zh-CN'),
        ),
      },
    });
  } catch (error) {
    // The headers are out: the only honest answer left is a broken download, never a short file.
    log.warn(`a ledger export failed midway: ${(error as Error).message}`);
    ledger.response.destroy();
  }
}
