import ExcelJS from 'exceljs';
import { issueText, type RowIssue } from './issues.ts';
import { type LedgerKind, type LedgerLabel, listEntries } from './kinds.ts';
import { comparable } from './vocabulary.ts';
import { dayOf, ImportFileError, type ImportLimits, importLimits, openImportWorkbook, refusal, textOf } from './xlsx-import.ts';

/**
 * 导入联盟数据: the coordinator's own data of an alliance from an .xlsx, its members (partners
 * registered in their kind's subgraph, with their liaisons) and its joint meetings. The same
 * limits and the same cell rules as the partner editors' import (openImportWorkbook, refusal,
 * dayOf); the alliance subgraph's importAllianceData judges the rows.
 */

export const allianceSheets = { members: '成员单位', meetings: '联席会议', help: '填写说明' } as const;

export type AllianceSheet = 'members' | 'meetings';

type Cell = ExcelJS.CellValue;

interface ColumnSpec {
  readonly header: string;
  /** The input field it fills. */
  readonly field: string;
  readonly required?: boolean;
  readonly width: number;
  readonly help: string;
  readonly read: 'text' | 'id' | 'kind' | 'day' | 'time' | 'list';
}

/** The columns of each sheet, in the template's order. */
export const allianceColumns: Record<AllianceSheet, readonly ColumnSpec[]> = {
  members: [
    { header: '单位名称', field: 'name', required: true, width: 30, read: 'text', help: '必填，不超过 200 个字，如联盟中登记的名称' },
    {
      header: '单位编号',
      field: 'partnerId',
      required: true,
      width: 38,
      read: 'id',
      help: '必填，单位在本平台登记的编号（UUID），见单位详情页；单位须已在其类型中登记',
    },
    { header: '单位类型', field: 'kind', required: true, width: 14, read: 'kind', help: '必填，从下拉列表选择' },
    { header: '联络人', field: 'liaisonName', width: 14, read: 'text', help: '选填，不超过 60 个字' },
    { header: '联络人职务', field: 'liaisonTitle', width: 20, read: 'text', help: '选填，不超过 100 个字' },
    { header: '加入日期', field: 'joinedOn', width: 12, read: 'day', help: '选填，日期，如 2026-03-01；不填为导入当天' },
  ],
  meetings: [
    {
      header: '会议名称',
      field: 'title',
      required: true,
      width: 36,
      read: 'text',
      help: '必填，不超过 200 个字；同一天、同名的会议视为同一次会议，重复导入不会新增',
    },
    {
      header: '召开时间',
      field: 'heldAt',
      required: true,
      width: 18,
      read: 'time',
      help: '必填，如 2026-03-05 09:30（北京时间）或 2026-03-05',
    },
    { header: '地点', field: 'location', width: 24, read: 'text', help: '选填，不超过 200 个字' },
    { header: '议程', field: 'agenda', width: 40, read: 'list', help: '选填，多项用顿号“、”分隔，最多 50 项' },
    { header: '会议决定', field: 'decisions', width: 40, read: 'text', help: '选填，不超过 20000 个字' },
  ],
};

/** One data row of either sheet, as the alliance subgraph takes it, with the problems of its cells. */
export interface AllianceParsedRow {
  readonly sheet: AllianceSheet;
  readonly line: number;
  readonly input: Record<string, unknown>;
  readonly issues: RowIssue[];
}

export interface AllianceParsedFile {
  readonly members: AllianceParsedRow[];
  readonly meetings: AllianceParsedRow[];
}

/** The hub's zone, Asia/Shanghai: UTC+8 all year. */
const zoneOffset = '+08:00';
const timePattern = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T]+(\d{1,2}):(\d{2})$/;

/** A meeting's time: a date cell (its wall clock in the hub's zone), or text like 2026-03-05 09:30 or 2026-03-05; null when it is none. */
function instantOf(value: Cell): string | null {
  if (value instanceof Date) {
    const wall = Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 16);
    return wall >= '1900-01-01' ? `${wall}:00${zoneOffset}` : null;
  }
  const text = typeof value === 'string' ? value.trim().normalize('NFKC') : '';
  const match = timePattern.exec(text);
  if (match) {
    const day = dayOf(`${match[1]}-${match[2]}-${match[3]}`);
    const [hours, minutes] = [Number(match[4]), Number(match[5])];
    return day && hours < 24 && minutes < 60
      ? `${day}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00${zoneOffset}`
      : null;
  }
  const day = dayOf(value);
  return day ? `${day}T00:00:00${zoneOffset}` : null;
}

/** A kind by its Chinese or English label or its value. */
function kindOf(text: string, kinds: readonly LedgerKind[]): LedgerKind | undefined {
  return kinds.find((kind) => [kind.kind, kind.label.zh, kind.label.en].some((word) => comparable(word) === comparable(text)));
}

/** Longest text sent on (every rule here is shorter, so a longer cell still fails as TOO_LONG). */
const longestText = 20001;

function readRow(
  sheet: AllianceSheet,
  line: number,
  cells: { spec: ColumnSpec; value: Cell }[],
  kinds: readonly LedgerKind[],
): AllianceParsedRow {
  const input: Record<string, unknown> = {};
  const issues: RowIssue[] = [];
  for (const { spec, value } of cells) {
    const column = spec.header;
    const issue = (code: string, details = {}) => issues.push({ column, code, message: issueText(code, column, details) });
    const refused = refusal(value, column, spec.read === 'day' || spec.read === 'time');
    if (refused) {
      issues.push(refused);
      continue;
    }
    const text = textOf(value)?.trim() ?? '';
    const empty = !(value instanceof Date) && text === '';
    if (empty) {
      if (spec.required && spec.read !== 'text') {
        issue('REQUIRED');
      } else if (spec.required) {
        input[spec.field] = '';
      } else if (spec.read === 'list') {
        input[spec.field] = [];
      }
      continue;
    }
    switch (spec.read) {
      case 'text':
      case 'id':
        input[spec.field] = text.slice(0, longestText);
        break;
      case 'kind': {
        const kind = kindOf(text, kinds);
        if (kind) {
          input[spec.field] = kind.kind;
        } else {
          issue('UNKNOWN_KIND', { value: text, allowed: kinds.map((candidate) => candidate.label.zh) });
        }
        break;
      }
      case 'day': {
        const day = dayOf(value);
        if (day) {
          input[spec.field] = day;
        } else {
          issue('BAD_DATE', { value: text });
        }
        break;
      }
      case 'time': {
        const instant = instantOf(value);
        if (instant) {
          input[spec.field] = instant;
        } else {
          issue('BAD_DATE', { value: text });
        }
        break;
      }
      case 'list':
        input[spec.field] = listEntries(text).map((entry) => entry.slice(0, longestText));
    }
  }
  return { sheet, line, input, issues };
}

/** A sheet's header row (within its first 10 rows, holding the sheet's first column) and its columns. */
function findColumns(worksheet: ExcelJS.Worksheet, specs: readonly ColumnSpec[]) {
  const byHeader = new Map(specs.map((spec) => [comparable(spec.header), spec]));
  for (let number = 1; number <= Math.min(10, worksheet.rowCount); number += 1) {
    const columns: { number: number; spec: ColumnSpec }[] = [];
    worksheet.getRow(number).eachCell((cell, columnNumber) => {
      const spec = byHeader.get(comparable((textOf(cell.value) ?? '').replace(/[*＊]/g, '')));
      if (spec && !columns.some((column) => column.spec === spec)) {
        columns.push({ number: columnNumber, spec });
      }
    });
    if (columns.length >= 2 && columns.some((column) => column.spec === specs[0])) {
      return { headerRow: number, columns };
    }
  }
  return null;
}

function refuse(problem: 'NO_SHEET' | 'EMPTY' | 'TOO_MANY_ROWS' | 'MISSING_COLUMN', text: LedgerLabel): never {
  throw new ImportFileError(problem, text);
}

/**
 * Reads an uploaded .xlsx of an alliance's own data: the size and zip checks and exceljs as the
 * editors' import (openImportWorkbook), then the sheets whose first rows hold a 单位名称
 * (members) or a 会议名称 (meetings) header, whatever their names. Columns by header, the
 * others ignored; formulas refused, never evaluated; dates from date cells or text; 单位类型 by
 * its Chinese word. Required columns missing from a found sheet, no such sheet, no rows or more
 * than `limits.maxRows` rows in all refuse the file (ImportFileError); single cells' problems are
 * in each row's `issues`.
 */
export async function readAllianceWorkbook(
  bytes: Buffer,
  kinds: readonly LedgerKind[],
  limits: ImportLimits = importLimits,
): Promise<AllianceParsedFile> {
  const workbook = await openImportWorkbook(bytes, limits);
  const file: AllianceParsedFile = { members: [], meetings: [] };
  let found = false;
  for (const sheet of ['members', 'meetings'] as const) {
    const specs = allianceColumns[sheet];
    const worksheet = workbook.worksheets.find((candidate) => findColumns(candidate, specs));
    const located = worksheet ? findColumns(worksheet, specs) : null;
    if (!worksheet || !located) {
      continue;
    }
    found = true;
    for (const spec of specs.filter((candidate) => candidate.required)) {
      if (!located.columns.some((column) => column.spec === spec)) {
        refuse('MISSING_COLUMN', {
          zh: `缺少「${spec.header}」列，请使用导入模板`,
          en: `The ${spec.header} column is missing; use the template`,
        });
      }
    }
    worksheet.eachRow((row, line) => {
      if (line <= located.headerRow) {
        return;
      }
      const cells = located.columns.map(({ number, spec }) => ({ spec, value: row.getCell(number).value }));
      if (cells.every(({ value }) => value === null || value === undefined || textOf(value)?.trim() === '')) {
        return;
      }
      if (file.members.length + file.meetings.length >= limits.maxRows) {
        refuse('TOO_MANY_ROWS', {
          zh: `行数过多：一次最多导入 ${limits.maxRows} 行，请分批导入`,
          en: `Too many rows: at most ${limits.maxRows} per import; split the file`,
        });
      }
      file[sheet].push(readRow(sheet, line, cells, kinds));
    });
  }
  if (!found) {
    refuse('NO_SHEET', {
      zh: '找不到含「单位名称」或「会议名称」表头的工作表，请使用联盟数据导入模板',
      en: 'No worksheet has a 单位名称 or 会议名称 header; use the alliance data template',
    });
  }
  if (file.members.length + file.meetings.length === 0) {
    refuse('EMPTY', { zh: '表中没有要导入的成员单位或联席会议', en: 'The file holds no members or meetings to import' });
  }
  return file;
}

/** The alliance subgraph's answer to importAllianceData, as the route selects it. */
export interface ApiAllianceImportReport {
  readonly dryRun: boolean;
  readonly applied: boolean;
  readonly members: readonly ApiAllianceRow[];
  readonly meetings: readonly ApiAllianceRow[];
}

interface ApiAllianceRow {
  readonly line: number;
  readonly outcome: 'CREATE' | 'EXISTS' | 'INVALID';
  readonly issues: readonly { readonly field: string; readonly code: string; readonly message: string; readonly limit: number | null }[];
}

/** The selection of `importAllianceData` that yields an ApiAllianceImportReport. */
export const apiAllianceImportSelection =
  'dryRun applied members { line outcome issues { field code message limit } } meetings { line outcome issues { field code message limit } }';

/** What the import did (or would do) with one row of either sheet. */
export interface AllianceImportRowView {
  readonly sheet: AllianceSheet;
  /** The sheet's name in Chinese (成员单位, 联席会议). */
  readonly sheetName: string;
  readonly line: number;
  readonly outcome: 'CREATE' | 'EXISTS' | 'INVALID';
  /** 单位名称 or 会议名称, as read. */
  readonly name: string | null;
  readonly issues: readonly RowIssue[];
}

export interface AllianceImportView {
  readonly dryRun: boolean;
  readonly applied: boolean;
  readonly created: number;
  readonly existing: number;
  readonly invalid: number;
  readonly rows: readonly AllianceImportRowView[];
}

function duplicateText(sheet: AllianceSheet, line: number | null): LedgerLabel {
  return sheet === 'members'
    ? { zh: `与第 ${line} 行是同一单位（单位编号相同）`, en: `The same partner as line ${line} (same id)` }
    : { zh: `与第 ${line} 行是同一次会议（同一天、同名）`, en: `The same meeting as line ${line} (same day and title)` };
}

/**
 * One report of the file's rows: the reader's problems of each cell (and the route's, such as a
 * partner not registered), then the alliance subgraph's verdict on the rows sent, its issues named
 * by the file's column and said in Chinese and English. A row with any problem is INVALID.
 */
export function allianceImportView(file: AllianceParsedFile, api: ApiAllianceImportReport | null, dryRun: boolean): AllianceImportView {
  const rows = (['members', 'meetings'] as const).flatMap((sheet) => {
    const verdicts = new Map((api?.[sheet] ?? []).map((row) => [row.line, row]));
    const columnOf = (field: string) => allianceColumns[sheet].find((spec) => spec.field === field)?.header ?? field;
    return file[sheet].map((row): AllianceImportRowView => {
      const verdict = row.issues.length === 0 ? verdicts.get(row.line) : undefined;
      const apiIssues = (verdict?.issues ?? []).map((issue) => {
        const column = columnOf(issue.field);
        const message =
          issue.code === 'DUPLICATE_IN_FILE'
            ? duplicateText(sheet, issue.limit)
            : issueText(issue.code, column, { limit: issue.limit, detail: issue.message });
        return { column, code: issue.code, message };
      });
      const issues = [...row.issues, ...apiIssues];
      const name = row.input[sheet === 'members' ? 'name' : 'title'];
      return {
        sheet,
        sheetName: allianceSheets[sheet],
        line: row.line,
        outcome: issues.length > 0 ? 'INVALID' : (verdict?.outcome ?? 'INVALID'),
        name: typeof name === 'string' && name ? name : null,
        issues,
      };
    });
  });
  const count = (outcome: AllianceImportRowView['outcome']) => rows.filter((row) => row.outcome === outcome).length;
  return {
    dryRun,
    applied: Boolean(api?.applied) && count('INVALID') === 0,
    created: count('CREATE'),
    existing: count('EXISTS'),
    invalid: count('INVALID'),
    rows,
  };
}

/**
 * The template of an alliance's own data (.xlsx): the 成员单位 and 联席会议 sheets with a title
 * and instructions on rows 1–2 and headers on row 3 (required ones marked *), a list to pick
 * 单位类型 from, and the 填写说明 sheet explaining every column. `members` fills the 成员单位
 * sheet with the alliance's present members (re-importing them changes nothing).
 */
export async function allianceTemplate(
  kinds: readonly LedgerKind[],
  options: {
    allianceName: string;
    members: readonly {
      name: string;
      partnerId: string;
      kind: string;
      liaisonName?: string | null;
      liaisonTitle?: string | null;
      joinedOn?: string | null;
    }[];
  },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '党建联建共建平台';
  const helpRows: string[][] = [];
  const kindListRow = 2 + allianceColumns.members.length + allianceColumns.meetings.length + 1;
  const lastRow = 3 + importLimits.maxRows;
  for (const sheetKey of ['members', 'meetings'] as const) {
    const specs = allianceColumns[sheetKey];
    const sheet = workbook.addWorksheet(allianceSheets[sheetKey], { views: [{ state: 'frozen', ySplit: 3 }] });
    sheet.columns = specs.map((spec) => ({
      width: spec.width,
      style: spec.read === 'day' ? { numFmt: 'yyyy-mm-dd' } : spec.read === 'time' ? { numFmt: 'yyyy-mm-dd hh:mm' } : {},
    }));
    sheet.getCell(1, 1).value = `${options.allianceName} ${allianceSheets[sheetKey]}导入模板`;
    sheet.getCell(1, 1).font = { name: '黑体', size: 14, bold: true };
    sheet.getCell(2, 1).value = `带 * 的列必填；从第 4 行起一行一条，最多 ${importLimits.maxRows} 行；各列说明见“${allianceSheets.help}”。`;
    sheet.mergeCells(1, 1, 1, specs.length);
    sheet.mergeCells(2, 1, 2, specs.length);
    specs.forEach((spec, index) => {
      const cell = sheet.getRow(3).getCell(index + 1);
      cell.value = spec.required ? `${spec.header}*` : spec.header;
      cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC00000' } };
      helpRows.push([allianceSheets[sheetKey], spec.header, spec.help]);
    });
    if (sheetKey === 'members') {
      const kindColumn = sheet.getColumn(specs.findIndex((spec) => spec.read === 'kind') + 1).letter;
      // exceljs keeps range validations (one <dataValidation sqref>), though its types know only cells'.
      (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(
        `${kindColumn}4:${kindColumn}${lastRow}`,
        {
          type: 'list',
          allowBlank: true,
          formulae: [`'${allianceSheets.help}'!$B$${kindListRow}:$${sheet.getColumn(kinds.length + 1).letter}$${kindListRow}`],
          showErrorMessage: true,
          error: '请从下拉列表中选择单位类型',
        },
      );
      options.members.forEach((member, index) => {
        const kind = kinds.find((candidate) => candidate.kind === member.kind);
        sheet.getRow(4 + index).values = [
          member.name,
          member.partnerId,
          kind?.label.zh ?? member.kind,
          member.liaisonName ?? null,
          member.liaisonTitle ?? null,
          member.joinedOn ? new Date(`${member.joinedOn}T00:00:00Z`) : null,
        ];
      });
    }
  }
  const help = workbook.addWorksheet(allianceSheets.help);
  help.columns = [{ width: 14 }, { width: 14 }, { width: 90 }];
  help.addRow(['工作表', '列', '填写说明']).font = { bold: true };
  help.addRows(helpRows);
  help.getRow(kindListRow).values = ['单位类型', ...kinds.map((kind) => kind.label.zh)];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
