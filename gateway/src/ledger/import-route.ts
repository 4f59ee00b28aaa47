import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '@hub/contracts';
import { HttpError, sendJson } from '@hub/http';
import {
  type ApiImportReport,
  apiImportReportSelection,
  ImportFileError,
  importLimits,
  importTemplate,
  importView,
  isOtherPartners,
  type LedgerKind,
  ownFieldHeader,
  partnerKindsSelection,
  readImportWorkbook,
} from '@hub/ledger';
import { sendFileHeaders } from './api.ts';
import { LedgerFileError, type LedgerRequest, requireRole } from './request.ts';

/** Largest rows payload sent to the partner subgraph (its request body limit is 1 MB). */
export const maxRowsPayloadBytes = 900_000;

export function fileError(error: ImportFileError): LedgerFileError {
  return new LedgerFileError(error.problem === 'TOO_LARGE' ? 413 : 400, error.problem, error.text);
}

/** Reads a request body as bytes, up to the upload limit (413 TOO_LARGE beyond, checked before reading when declared). */
export async function readUpload(request: IncomingMessage): Promise<Buffer> {
  const limit = importLimits.maxUploadBytes;
  const tooLarge = () =>
    fileError(new ImportFileError('TOO_LARGE', { zh: '文件超过 2 MB，无法导入', en: `The file is larger than ${limit} bytes` }));
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

interface EditorScope {
  kind: LedgerKind;
  /** The partner's names (as its alliance registers it, and as its own subgraph knows it). */
  names: string[];
  branches: string[];
}

/** The editor's partner, its kind and branches, through the API; 403 unless it is a member of `allianceId`. */
async function editorScope(ledger: LedgerRequest, allianceId: string | null): Promise<EditorScope> {
  const partnerId = ledger.viewer.partnerId ?? '';
  const heading = await ledger.run<{
    partnerKinds: LedgerKind[];
    alliances: { id: string; members: { partnerId: string; name: string; kind: string }[] }[];
  }>(ledger.viewer, `query LedgerEditor { ${partnerKindsSelection} alliances { id members { partnerId name kind } } }`);
  const memberships = heading.alliances.filter((alliance) => !allianceId || alliance.id === allianceId);
  const member = memberships.flatMap((alliance) => alliance.members).find((candidate) => candidate.partnerId === partnerId);
  if (allianceId && !heading.alliances.some((alliance) => alliance.id === allianceId)) {
    throw new HttpError(404, ErrorCode.NOT_FOUND, `There is no alliance ${allianceId}`);
  }
  const kind = heading.partnerKinds.find((candidate) => candidate.kind === member?.kind);
  if (!member || !kind) {
    throw new HttpError(403, ErrorCode.FORBIDDEN, 'Your partner is not a member of this alliance');
  }
  const own = await ledger.run<
    Record<string, { partner: { name: string; shortName: string | null; branches: { name: string }[] } | null }>
  >(ledger.viewer, `query LedgerEditorPartner($id: ID!) { ${kind.namespace} { partner(id: $id) { name shortName branches { name } } } }`, {
    id: partnerId,
  });
  const partner = own[kind.namespace]?.partner;
  return {
    kind,
    names: [member.name, partner?.name, partner?.shortName].filter((name): name is string => Boolean(name)),
    branches: partner?.branches.map((branch) => branch.name) ?? [],
  };
}

export function allianceParam(ledger: LedgerRequest): string {
  const alliance = ledger.params.get('alliance') ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(alliance)) {
    throw new HttpError(400, ErrorCode.BAD_USER_INPUT, 'alliance: must be an alliance id');
  }
  return alliance.toLowerCase();
}

/** GET /ledger/import-template.xlsx: the editor's import template, for its kind and with its branches. */
export async function downloadTemplate(ledger: LedgerRequest): Promise<void> {
  requireRole(ledger.viewer, 'partner_editor', 'download the import template');
  const scope = await editorScope(ledger, null);
  const file = await importTemplate(scope.kind, { partnerName: scope.names[0] ?? '', branches: scope.branches });
  sendFileHeaders(
    ledger.response,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    `承诺事项导入模板-${scope.names[0]}.xlsx`,
    'import-template.xlsx',
  );
  ledger.response.end(file);
}

/**
 * POST /ledger/import?alliance=<id>&dryRun=1|0&publish=0|1, body: the .xlsx. A partner editor's
 * import of its own commitments: the file is read within limits (ledger's readImportWorkbook),
 * rows of other partners are skipped, the rest go to its kind's importCommitments as one batch.
 * dryRun=1 (the default) only reports; dryRun=0 writes every new row or, when any row has a
 * problem (the reader's or the API's), none — it then answers as a dry run would. Answers the
 * ImportView as JSON; a refused file is 400/413 with `extensions.reason`.
 */
export async function importCommitmentsFile(ledger: LedgerRequest): Promise<void> {
  requireRole(ledger.viewer, 'partner_editor', 'import commitments');
  const allianceId = allianceParam(ledger);
  const dryRun = ledger.params.get('dryRun') !== '0';
  const publish = ledger.params.get('publish') === '1';
  try {
    const bytes = await readUpload(ledger.request);
    const scope = await editorScope(ledger, allianceId);
    const sheet = await readImportWorkbook(bytes, scope.kind);
    const skipped = sheet.rows.filter((row) => isOtherPartners(row, scope.names));
    const mine = sheet.rows.filter((row) => !skipped.includes(row));
    const labels = Object.fromEntries(scope.kind.fields.map((field) => [field.name, ownFieldHeader(scope.kind, field)]));
    if (mine.length === 0) {
      return sendJson(ledger.response, 200, importView(sheet, skipped, null, labels));
    }
    const rows = mine.map((row) => ({ line: row.line, branchName: row.branchName, input: row.input }));
    if (JSON.stringify(rows).length > maxRowsPayloadBytes) {
      throw new LedgerFileError(413, 'CONTENT_TOO_LARGE', {
        zh: '表中文字内容过多，无法一次导入，请分批导入',
        en: 'The sheet holds too much text for one import; split it',
      });
    }
    const readerProblems = mine.some((row) => row.issues.length > 0);
    const { namespace, typePrefix } = scope.kind;
    const data = await ledger.run<Record<string, { importCommitments: ApiImportReport }>>(
      ledger.viewer,
      `mutation LedgerImport($allianceId: ID!, $rows: [${typePrefix}CommitmentImportRow!]!, $dryRun: Boolean!, $publish: Boolean!) {
        ${namespace} { importCommitments(allianceId: $allianceId, rows: $rows, dryRun: $dryRun, publish: $publish) { ${apiImportReportSelection} } }
      }`,
      { allianceId, rows, dryRun: dryRun || readerProblems, publish },
    );
    const api = data[namespace]?.importCommitments ?? null;
    sendJson(ledger.response, 200, { ...importView(sheet, skipped, api, labels), dryRun });
  } catch (error) {
    throw error instanceof ImportFileError ? fileError(error) : error;
  }
}
