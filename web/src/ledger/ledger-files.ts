/**
 * The gateway's ledger routes (/ledger/…), called with the session's token: files downloaded as
 * the browser saves them, the import's answer and the report's model as JSON. A refusal becomes
 * a LedgerFilesError with the stable code, the reason of a refused file and the gateway's text
 * in both languages when it gives one.
 */

export class LedgerFilesError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Why a file was refused (TOO_LARGE, NOT_XLSX, UNPACKED_TOO_LARGE, TOO_MANY_ROWS, …), when it was. */
    readonly reason: string | null,
    /** The gateway's own Chinese text, when it gives one. */
    readonly zh: string | null,
    message: string,
  ) {
    super(message);
  }
}

async function refusal(response: Response): Promise<LedgerFilesError> {
  const body = (await response.json().catch(() => null)) as {
    errors?: { message?: string; extensions?: { code?: string; reason?: string; zh?: string } }[];
  } | null;
  const error = body?.errors?.[0];
  return new LedgerFilesError(
    response.status,
    error?.extensions?.code ?? 'UNKNOWN',
    error?.extensions?.reason ?? null,
    error?.extensions?.zh ?? null,
    error?.message ?? `HTTP ${response.status}`,
  );
}

async function call(path: string, token: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new LedgerFilesError(0, 'NETWORK', null, null, (error as Error).message);
  }
  if (!response.ok) {
    throw await refusal(response);
  }
  return response;
}

/** The file name a download's Content-Disposition gives (its UTF-8 form first), else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/** Downloads a file from a ledger route and hands it to the browser to save; resolves to its name. */
export async function downloadFile(path: string, token: string, fallback: string): Promise<string> {
  const response = await call(path, token);
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition'), fallback);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** A cell's problem, as the import route says it. */
export interface ImportIssue {
  readonly column: string;
  readonly code: string;
  readonly message: { readonly zh: string; readonly en: string };
}

export interface ImportRow {
  readonly line: number;
  readonly outcome: 'CREATE' | 'EXISTS' | 'INVALID' | 'SKIPPED';
  readonly title: string | null;
  readonly category: string | null;
  readonly dueDate: string | null;
  readonly branch: string | null;
  readonly commitmentId: string | null;
  readonly issues: readonly ImportIssue[];
}

/** The import route's answer (the gateway's ImportView). */
export interface ImportAnswer {
  readonly sheetName: string;
  readonly dryRun: boolean;
  readonly applied: boolean;
  readonly publish: boolean;
  readonly created: number;
  readonly existing: number;
  readonly invalid: number;
  readonly skipped: number;
  readonly rows: readonly ImportRow[];
}

/** Sends a file to the import route: a dry run, or the import itself. */
export async function importFile(
  file: Blob,
  token: string,
  options: { allianceId: string; dryRun: boolean; publish: boolean },
): Promise<ImportAnswer> {
  const params = new URLSearchParams({
    alliance: options.allianceId,
    dryRun: options.dryRun ? '1' : '0',
    publish: options.publish ? '1' : '0',
  });
  const response = await call(`/ledger/import?${params}`, token, {
    method: 'POST',
    body: file,
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
  return (await response.json()) as ImportAnswer;
}

/** A row of the coordinator's import of an alliance's own data (成员单位 or 联席会议). */
export interface AllianceImportRow {
  readonly sheet: 'members' | 'meetings';
  readonly sheetName: string;
  readonly line: number;
  readonly outcome: 'CREATE' | 'EXISTS' | 'INVALID';
  /** 单位名称 or 会议名称, as read. */
  readonly name: string | null;
  readonly issues: readonly ImportIssue[];
}

/** The alliance import route's answer (the gateway's AllianceImportView). */
export interface AllianceImportAnswer {
  readonly dryRun: boolean;
  readonly applied: boolean;
  readonly created: number;
  readonly existing: number;
  readonly invalid: number;
  readonly rows: readonly AllianceImportRow[];
}

/** Sends a file of an alliance's own data to the alliance import route: a dry run, or the import itself. */
export async function importAllianceFile(
  file: Blob,
  token: string,
  options: { allianceId: string; dryRun: boolean },
): Promise<AllianceImportAnswer> {
  const params = new URLSearchParams({ alliance: options.allianceId, dryRun: options.dryRun ? '1' : '0' });
  const response = await call(`/ledger/alliance-import?${params}`, token, {
    method: 'POST',
    body: file,
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
  return (await response.json()) as AllianceImportAnswer;
}

/** The report's model as the gateway builds it (ledger's ReportModel). */
export interface ReportFigures {
  readonly total: number;
  readonly completed: number;
  readonly overdue: number;
  readonly completionRate: number;
  readonly averageProgress: number;
}

export interface Report {
  readonly title: string;
  readonly issuer: string;
  readonly scope: 'alliance' | 'all';
  readonly period: { readonly key: string; readonly title: string; readonly firstDay: string; readonly lastDay: string };
  readonly asOf: string;
  readonly overall: ReportFigures & { readonly stale: number; readonly closedInPeriod: number; readonly activitiesInPeriod: number };
  readonly staleDays: number;
  readonly byAlliance: readonly (ReportFigures & { readonly alliance: string; readonly stale: number })[];
  readonly byPartner: readonly (ReportFigures & { readonly alliance: string; readonly partner: string; readonly kind: string })[];
  readonly byCategory: readonly (ReportFigures & { readonly category: string })[];
  readonly lagging: readonly {
    readonly alliance: string;
    readonly partner: string;
    readonly title: string;
    readonly dueDate: string | null;
    readonly progress: number;
    readonly why: 'OVERDUE' | 'STALE';
    readonly days: number;
    readonly reason: string | null;
    readonly reasonDay: string | null;
    readonly reasonFrom: 'ANSWER' | 'PROGRESS' | null;
  }[];
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

/** The report of `period` (2026-03, 2026-Q1) for an alliance (or `all`). */
export async function fetchReport(token: string, allianceId: string, period: string): Promise<Report> {
  const response = await call(`/ledger/report?${new URLSearchParams({ alliance: allianceId, period })}`, token);
  return (await response.json()) as Report;
}

/** The month before today's (hub time), as a period key: the report a coordinator writes at the start of a month. */
export function lastMonthKey(today: string): string {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
