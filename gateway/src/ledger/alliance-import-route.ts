import { ErrorCode } from '@hub/contracts';
import { HttpError, sendJson } from '@hub/http';
import {
  type AllianceParsedFile,
  type ApiAllianceImportReport,
  allianceImportView,
  allianceTemplate,
  apiAllianceImportSelection,
  ImportFileError,
  issueText,
  type LedgerKind,
  partnerKindsSelection,
  readAllianceWorkbook,
} from '@hub/ledger';
import { sendFileHeaders } from './api.ts';
import { allianceParam, fileError, maxRowsPayloadBytes, readUpload } from './import-route.ts';
import { LedgerFileError, type LedgerRequest, requireRole } from './request.ts';

interface AllianceScope {
  kinds: LedgerKind[];
  alliance: {
    name: string;
    members: { partnerId: string; name: string; kind: string; liaison: { name: string; title: string | null } | null; joinedOn: string }[];
  };
}

/** The partner kinds and the alliance with its members, through the API; 404 for no such alliance. */
async function allianceScope(ledger: LedgerRequest, allianceId: string): Promise<AllianceScope> {
  const data = await ledger.run<{ partnerKinds: LedgerKind[]; alliance: AllianceScope['alliance'] | null }>(
    ledger.viewer,
    `query LedgerAlliance($id: ID!) { ${partnerKindsSelection} alliance(id: $id) { name members { partnerId name kind liaison { name title } joinedOn } } }`,
    { id: allianceId },
  );
  if (!data.alliance) {
    throw new HttpError(404, ErrorCode.NOT_FOUND, `There is no alliance ${allianceId}`);
  }
  return { kinds: data.partnerKinds, alliance: data.alliance };
}

/**
 * A member must be an organization registered in its kind's subgraph: that subgraph cannot take
 * part in the alliance's transaction, so the route asks each kind for its partners (as the
 * caller, through the API) and marks a row naming an unknown one UNKNOWN_PARTNER.
 */
async function markUnregistered(ledger: LedgerRequest, file: AllianceParsedFile, kinds: readonly LedgerKind[]): Promise<void> {
  const rows = file.members.filter((row) => row.issues.length === 0);
  for (const kind of kinds.filter((candidate) => rows.some((row) => row.input.kind === candidate.kind))) {
    const data = await ledger.run<Record<string, { partners: { id: string }[] }>>(
      ledger.viewer,
      `query LedgerRegisteredPartners { ${kind.namespace} { partners { id } } }`,
    );
    const registered = new Set((data[kind.namespace]?.partners ?? []).map((partner) => partner.id.toLowerCase()));
    for (const row of rows.filter((candidate) => candidate.input.kind === kind.kind)) {
      const id = String(row.input.partnerId ?? '');
      if (!registered.has(id.toLowerCase()) && /^[0-9a-f-]{36}$/i.test(id)) {
        row.issues.push({ column: '单位编号', code: 'UNKNOWN_PARTNER', message: issueText('UNKNOWN_PARTNER', '单位编号', { value: id }) });
      }
    }
  }
}

/** GET /ledger/alliance-template.xlsx?alliance=<id>: the template of the alliance's own data, its present members filled in (coordinator). */
export async function downloadAllianceTemplate(ledger: LedgerRequest): Promise<void> {
  requireRole(ledger.viewer, 'coordinator', 'download the alliance data template');
  const allianceId = allianceParam(ledger);
  const { kinds, alliance } = await allianceScope(ledger, allianceId);
  const file = await allianceTemplate(kinds, {
    allianceName: alliance.name,
    members: alliance.members.map((member) => ({
      ...member,
      liaisonName: member.liaison?.name ?? null,
      liaisonTitle: member.liaison?.title ?? null,
    })),
  });
  sendFileHeaders(
    ledger.response,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    `联盟数据导入模板-${alliance.name}.xlsx`,
    'alliance-template.xlsx',
  );
  ledger.response.end(file);
}

/**
 * POST /ledger/alliance-import?alliance=<id>&dryRun=1|0, body: the .xlsx (coordinator). The
 * alliance's own data (members and their liaisons, joint meetings) read within the editors'
 * import limits (readAllianceWorkbook), members checked against their kind's registered partners,
 * then the alliance subgraph's importAllianceData judges every row. dryRun=1 (the default) only
 * reports; dryRun=0 writes every new row in one transaction or, when any row has a problem, none.
 * Answers the AllianceImportView as JSON; a refused file is 400/413 with `extensions.reason`.
 */
export async function importAllianceFile(ledger: LedgerRequest): Promise<void> {
  requireRole(ledger.viewer, 'coordinator', "import the alliance's data");
  const allianceId = allianceParam(ledger);
  const dryRun = ledger.params.get('dryRun') !== '0';
  try {
    const bytes = await readUpload(ledger.request);
    const { kinds } = await allianceScope(ledger, allianceId);
    const file = await readAllianceWorkbook(bytes, kinds);
    await markUnregistered(ledger, file, kinds);
    const clean = (rows: AllianceParsedFile['members']) => rows.filter((row) => row.issues.length === 0);
    const readerProblems = [...file.members, ...file.meetings].some((row) => row.issues.length > 0);
    const input = {
      members: clean(file.members).map((row) => ({ line: row.line, member: row.input })),
      meetings: clean(file.meetings).map((row) => ({ line: row.line, meeting: row.input })),
    };
    if (Buffer.byteLength(JSON.stringify(input)) > maxRowsPayloadBytes) {
      throw new LedgerFileError(413, 'CONTENT_TOO_LARGE', {
        zh: '表中文字内容过多，无法一次导入，请分批导入',
        en: 'The sheet holds too much text for one import; split it',
      });
    }
    const data = await ledger.run<{ importAllianceData: ApiAllianceImportReport }>(
      ledger.viewer,
      `mutation LedgerAllianceImport($allianceId: ID!, $input: AllianceImportInput!, $dryRun: Boolean!) {
        importAllianceData(allianceId: $allianceId, input: $input, dryRun: $dryRun) { ${apiAllianceImportSelection} }
      }`,
      {
        allianceId,
        dryRun: dryRun || readerProblems,
        input,
      },
    );
    sendJson(ledger.response, 200, allianceImportView(file, data.importAllianceData, dryRun));
  } catch (error) {
    throw error instanceof ImportFileError ? fileError(error) : error;
  }
}
