import ExcelJS from 'exceljs';
import { issueText, type RowIssue } from './issues.ts';
import { type LedgerKind, type LedgerKindField, type LedgerLabel, listEntries } from './kinds.ts';
import { headers, ownFieldHeader } from './row.ts';
import { categoryOf, comparable } from './vocabulary.ts';
import { checkWorkbookZip, type ZipLimits, type ZipProblem, ZipRefusal } from './zip-guard.ts';

/** How large an import may be, at each step: the upload, its unpacked parts, its rows. */
export interface ImportLimits {
  readonly maxUploadBytes: number;
  /** Most data rows (the partner subgraph takes as many in one import). */
  readonly maxRows: number;
  readonly zip: ZipLimits;
}

/** The defaults: 2 MB uploaded, 50 MB unpacked (25 MB per part), 2,000 rows. */
export const importLimits: ImportLimits = Object.freeze({
  maxUploadBytes: 2 * 1024 * 1024,
  maxRows: 2000,
  zip: { maxEntries: 200, maxEntryBytes: 25 * 1024 * 1024, maxTotalBytes: 50 * 1024 * 1024, maxSheetRows: 2000 + 20 },
});

/** Why a whole file is refused (nothing of it is read or written). */
export type FileProblem = ZipProblem | 'TOO_LARGE' | 'NO_SHEET' | 'MISSING_COLUMN' | 'EMPTY';

/** A refused file: `problem` is stable, `text` says it in both languages. */
export class ImportFileError extends Error {
  constructor(
    readonly problem: FileProblem,
    readonly text: LedgerLabel,
  ) {
    super(text.en);
  }
}

const fileTexts: Record<FileProblem, (detail: string) => LedgerLabel> = {
  TOO_LARGE: (limit) => ({ zh: `文件超过 ${limit}，无法导入`, en: `The file is larger than ${limit}` }),
  NOT_XLSX: () => ({
    zh: '这不是 Excel 工作簿（.xlsx）文件，或文件已损坏',
    en: 'The file is not an Excel workbook (.xlsx), or it is damaged',
  }),
  ENCRYPTED: () => ({ zh: '工作簿设置了密码，请取消密码后再导入', en: 'The workbook is password-protected; save it without a password' }),
  UNPACKED_TOO_LARGE: () => ({ zh: '文件解压后过大（疑似压缩炸弹），无法导入', en: 'The file unpacks to too much data (a zip bomb?)' }),
  TOO_MANY_ROWS: (limit) => ({
    zh: `行数过多：一次最多导入 ${limit} 行，请分批导入`,
    en: `Too many rows: at most ${limit} per import; split the file`,
  }),
  NO_SHEET: () => ({
    zh: '找不到含「事项名称」表头的工作表，请使用导入模板',
    en: 'No worksheet has a 事项名称 header; use the import template',
  }),
  MISSING_COLUMN: (column) => ({
    zh: `缺少「${column}」列，请使用导入模板`,
    en: `The ${column} column is missing; use the import template`,
  }),
  EMPTY: () => ({ zh: '表中没有要导入的事项', en: 'The sheet holds no items to import' }),
};

function refuse(problem: FileProblem, detail = ''): never {
  throw new ImportFileError(problem, fileTexts[problem](detail));
}

/** How a column's cells are read. */
type ColumnRole =
  | { readonly kind: 'text'; readonly field: 'title' | 'description' | 'branchName' | 'partnerName' }
  | { readonly kind: 'category' }
  | { readonly kind: 'date'; readonly field: 'startDate' | 'dueDate' }
  | { readonly kind: 'own'; readonly field: LedgerKindField };

interface Column {
  readonly number: number;
  readonly header: string;
  readonly role: ColumnRole;
}

/** The columns an import reads, by header; any other column (序号, 状态, 进展 % …) is ignored. */
function rolesOf(kind: LedgerKind): Map<string, ColumnRole> {
  const roles = new Map<string, ColumnRole>([
    [headers.title, { kind: 'text', field: 'title' }],
    [headers.description, { kind: 'text', field: 'description' }],
    [headers.branch, { kind: 'text', field: 'branchName' }],
    [headers.partner, { kind: 'text', field: 'partnerName' }],
    [headers.category, { kind: 'category' }],
    [headers.startDate, { kind: 'date', field: 'startDate' }],
    [headers.dueDate, { kind: 'date', field: 'dueDate' }],
  ]);
  for (const field of kind.fields) {
    roles.set(ownFieldHeader(kind, field), { kind: 'own', field });
  }
  return new Map([...roles].map(([header, role]) => [headerKey(header), role]));
}

/** A header as compared: marks of required columns (*) and spaces dropped. */
function headerKey(text: string): string {
  return comparable(text.replace(/[*＊]/g, ''));
}

/** One data row as the import sends it to the API, with the problems of its cells. */
export interface ParsedRow {
  /** The row's number in the sheet (as Excel shows it). */
  readonly line: number;
  /** The values read, as the kind's commitment input takes them; a cell that could not be read is left out. */
  readonly input: Record<string, unknown>;
  readonly branchName: string | null;
  /** 共建单位 as the row names it (the export's layout has it), or null. */
  readonly partnerName: string | null;
  readonly issues: RowIssue[];
}

export interface ParsedSheet {
  readonly sheetName: string;
  /** The headers read, by the input field they fill. */
  readonly columnOf: ReadonlyMap<string, string>;
  readonly rows: ParsedRow[];
}

/** A cell's value as exceljs gives it. */
type CellValue = ExcelJS.CellValue;

/** The text of a text-like cell value; null for other shapes. */
export function textOf(value: CellValue): string | null {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (value && typeof value === 'object' && 'richText' in value) {
    return value.richText.map((run) => run.text).join('');
  }
  if (value && typeof value === 'object' && 'hyperlink' in value) {
    return typeof value.text === 'string' ? value.text : null;
  }
  return null;
}

/** What a cell holds that an import never takes: a formula (never evaluated), an error, a boolean, a date where text belongs. */
export function refusal(value: CellValue, column: string, dateAllowed: boolean): RowIssue | null {
  if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
    return { column, code: 'FORMULA', message: issueText('FORMULA', column) };
  }
  if (value && typeof value === 'object' && 'error' in value) {
    return { column, code: 'WRONG_TYPE', message: issueText('WRONG_TYPE', column, { value: `错误值 ${String(value.error)}` }) };
  }
  if (typeof value === 'boolean') {
    return { column, code: 'WRONG_TYPE', message: issueText('WRONG_TYPE', column, { value: value ? 'TRUE' : 'FALSE' }) };
  }
  if (value instanceof Date && !dateAllowed) {
    return { column, code: 'WRONG_TYPE', message: issueText('WRONG_TYPE', column, { value: '日期' }) };
  }
  return null;
}

const datePatterns = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
];

/** A calendar day from a date cell or text such as 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日; null when it is none. */
export function dayOf(value: CellValue): string | null {
  if (value instanceof Date) {
    const day = Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
    return day >= '1900-01-01' && day <= '9999-12-31' ? day : null;
  }
  const text = typeof value === 'string' ? value.trim().normalize('NFKC') : '';
  for (const pattern of datePatterns) {
    const match = pattern.exec(text);
    if (match) {
      const day = `${match[1]}-${match[2]?.padStart(2, '0')}-${match[3]?.padStart(2, '0')}`;
      const date = new Date(`${day}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day && day >= '1900-01-01' ? day : null;
    }
  }
  return null;
}

/** Longest text sent on (every rule of the hub is shorter, so a longer cell still fails as TOO_LONG). */
const longestText = 5001;

/** Reads one cell into `row` by its column's role; problems go to `issues`. */
function readCell(
  value: CellValue,
  column: Column,
  row: { input: Record<string, unknown>; names: Record<string, string | null> },
  issues: RowIssue[],
) {
  const { role, header } = column;
  const refused = refusal(value, header, role.kind === 'date');
  if (refused) {
    issues.push(refused);
    return;
  }
  const text = textOf(value)?.trim() ?? '';
  const issue = (code: string, details = {}) => issues.push({ column: header, code, message: issueText(code, header, details) });
  switch (role.kind) {
    case 'text':
      if (role.field === 'branchName' || role.field === 'partnerName') {
        row.names[role.field] = text || null;
      } else if (text || role.field === 'title') {
        row.input[role.field] = text.slice(0, longestText);
      }
      return;
    case 'category': {
      const category = text ? categoryOf(text) : null;
      if (category) {
        row.input.category = category;
      } else if (text) {
        issue('UNKNOWN_CATEGORY', { value: text });
      }
      return;
    }
    case 'date': {
      if (!(value instanceof Date) && text === '') {
        return;
      }
      const day = dayOf(value);
      if (day) {
        row.input[role.field] = day;
      } else {
        issue('BAD_DATE', { value: textOf(value) ?? '' });
      }
      return;
    }
    case 'own':
      readOwnField(value, text, role.field, row.input, issue);
  }
}

/** A kind's own field: counts as integers, lists split at 、，; choices by their Chinese words or values. */
function readOwnField(
  value: CellValue,
  text: string,
  field: LedgerKindField,
  input: Record<string, unknown>,
  issue: (code: string, details?: object) => void,
) {
  if (text === '') {
    return;
  }
  switch (field.type) {
    case 'TEXT':
      input[field.name] = text.slice(0, longestText);
      return;
    case 'COUNT': {
      const number = typeof value === 'number' ? value : /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      if (Number.isNaN(number)) {
        issue('NOT_A_NUMBER', { value: text });
      } else if (!Number.isInteger(number) || Math.abs(number) > 2_147_483_647) {
        issue('NOT_INTEGER');
      } else {
        input[field.name] = number;
      }
      return;
    }
    case 'TEXTS':
      input[field.name] = listEntries(text).map((entry) => entry.slice(0, longestText));
      return;
    case 'CHOICES': {
      const values: string[] = [];
      for (const entry of listEntries(text)) {
        const choice = field.choices.find((candidate) =>
          [candidate.value, candidate.label.zh].some((word) => comparable(word) === comparable(entry)),
        );
        if (choice) {
          values.push(choice.value);
        } else {
          issue('UNKNOWN_CHOICE', { value: entry, allowed: field.choices.map((candidate) => candidate.label.zh) });
          return;
        }
      }
      input[field.name] = values;
    }
  }
}

/** The sheet to import: the first whose first rows hold a 事项名称 header; that row and its columns. */
function findSheet(workbook: ExcelJS.Workbook, kind: LedgerKind) {
  const roles = rolesOf(kind);
  for (const sheet of workbook.worksheets) {
    for (let number = 1; number <= Math.min(10, sheet.rowCount); number += 1) {
      const columns: Column[] = [];
      const seen = new Set<ColumnRole>();
      sheet.getRow(number).eachCell((cell, columnNumber) => {
        const header = textOf(cell.value)?.trim() ?? '';
        const role = roles.get(headerKey(header));
        if (role && !seen.has(role)) {
          seen.add(role);
          columns.push({ number: columnNumber, header: header.replace(/[*＊]/g, '').trim(), role });
        }
      });
      // A header row: 事项名称 and at least one other column the import knows (not a note that names it).
      if (columns.length >= 2 && columns.some((column) => column.role.kind === 'text' && column.role.field === 'title')) {
        return { sheet, headerRow: number, columns };
      }
    }
  }
  return refuse('NO_SHEET');
}

/**
 * An uploaded .xlsx opened by exceljs once it passed, in order, the upload's size and the zip
 * check (checkWorkbookZip: parts, unpacked size, encryption, row count). Throws ImportFileError
 * (TOO_LARGE, NOT_XLSX, ENCRYPTED, UNPACKED_TOO_LARGE, TOO_MANY_ROWS) when the file is refused.
 */
export async function openImportWorkbook(bytes: Buffer, limits: ImportLimits = importLimits): Promise<ExcelJS.Workbook> {
  if (bytes.length > limits.maxUploadBytes) {
    refuse('TOO_LARGE', `${Math.round(limits.maxUploadBytes / 1024 / 1024)} MB`);
  }
  try {
    await checkWorkbookZip(bytes, limits.zip);
  } catch (error) {
    if (error instanceof ZipRefusal) {
      refuse(error.problem, String(limits.maxRows));
    }
    throw error;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    refuse('NOT_XLSX');
  }
  return workbook;
}

/**
 * Reads an uploaded .xlsx into the rows an import sends to the API, for a partner of `kind`.
 * In order, before anything is parsed: the upload's size, then the zip itself (checkWorkbookZip:
 * parts, unpacked size, encryption, row count). Then exceljs reads the workbook; the sheet is the
 * first with a 事项名称 header in its first 10 rows (the import template's and the export's
 * layouts both have one); 类别 must be there too; columns are found by header, the others are
 * ignored. A cell is read by its column: formulas are refused (never evaluated, their cached
 * value not taken), dates taken from date cells or text, categories and choices by their Chinese
 * words. Throws ImportFileError when the file as a whole is refused; the problems of single cells
 * are in each row's `issues`.
 */
export async function readImportWorkbook(bytes: Buffer, kind: LedgerKind, limits: ImportLimits = importLimits): Promise<ParsedSheet> {
  const workbook = await openImportWorkbook(bytes, limits);
  const { sheet, headerRow, columns } = findSheet(workbook, kind);
  if (!columns.some((column) => column.role.kind === 'category')) {
    refuse('MISSING_COLUMN', headers.category);
  }
  const rows: ParsedRow[] = [];
  sheet.eachRow((sheetRow, line) => {
    if (line <= headerRow) {
      return;
    }
    const values = columns.map((column) => sheetRow.getCell(column.number).value);
    if (values.every((value) => value === null || value === undefined || textOf(value)?.trim() === '')) {
      return;
    }
    if (rows.length >= limits.maxRows) {
      refuse('TOO_MANY_ROWS', String(limits.maxRows));
    }
    const row = { input: {} as Record<string, unknown>, names: { branchName: null, partnerName: null } as Record<string, string | null> };
    const issues: RowIssue[] = [];
    for (const [index, column] of columns.entries()) {
      readCell(values[index] as CellValue, column, row, issues);
    }
    rows.push({ line, input: row.input, branchName: row.names.branchName ?? null, partnerName: row.names.partnerName ?? null, issues });
  });
  if (rows.length === 0) {
    refuse('EMPTY');
  }
  return { sheetName: sheet.name, columnOf: columnsByField(columns), rows };
}

/** Input field → the header it was read from (so the API's issues name the file's columns). */
function columnsByField(columns: Column[]): Map<string, string> {
  const byField = new Map<string, string>();
  for (const column of columns) {
    const { role } = column;
    const field = role.kind === 'category' ? 'category' : role.kind === 'own' ? role.field.name : role.field;
    byField.set(field, column.header);
  }
  return byField;
}
