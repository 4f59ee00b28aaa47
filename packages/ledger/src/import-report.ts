import { issueText, type RowIssue } from './issues.ts';
import { headers } from './row.ts';
import { categoryLabels, comparable } from './vocabulary.ts';
import type { ParsedRow, ParsedSheet } from './xlsx-import.ts';

/** The partner subgraph's answer to importCommitments, as the import route selects it. */
export interface ApiImportReport {
  readonly dryRun: boolean;
  readonly applied: boolean;
  readonly publish: boolean;
  readonly rows: readonly {
    readonly line: number;
    readonly outcome: 'CREATE' | 'EXISTS' | 'INVALID';
    readonly commitmentId: string | null;
    readonly issues: readonly { readonly field: string; readonly code: string; readonly message: string; readonly limit: number | null }[];
  }[];
}

/** The selection of `importCommitments` that yields an ApiImportReport. */
export const apiImportReportSelection = 'dryRun applied publish rows { line outcome commitmentId issues { field code message limit } }';

/** What the import did (or, in a dry run, would do) with one row of the file. */
export interface ImportRowView {
  readonly line: number;
  /** SKIPPED: a row of another partner (the export's layout names each row's 共建单位). */
  readonly outcome: 'CREATE' | 'EXISTS' | 'INVALID' | 'SKIPPED';
  readonly title: string | null;
  /** Its category in Chinese, as read. */
  readonly category: string | null;
  readonly dueDate: string | null;
  readonly branch: string | null;
  readonly commitmentId: string | null;
  readonly issues: readonly RowIssue[];
}

/** An import's answer to the web page: every row, with the counts. */
export interface ImportView {
  readonly sheetName: string;
  readonly dryRun: boolean;
  /** Whether the new rows were written (never in a dry run, never with an invalid row). */
  readonly applied: boolean;
  readonly publish: boolean;
  readonly created: number;
  readonly existing: number;
  readonly invalid: number;
  readonly skipped: number;
  readonly rows: readonly ImportRowView[];
}

/** Rows that name another partner in their 共建单位 cell are not this editor's to import. */
export function isOtherPartners(row: ParsedRow, partnerNames: readonly string[]): boolean {
  return row.partnerName !== null && !partnerNames.some((name) => comparable(name) === comparable(row.partnerName ?? ''));
}

const defaultColumns: Record<string, string> = {
  title: headers.title,
  description: headers.description,
  category: headers.category,
  startDate: headers.startDate,
  dueDate: headers.dueDate,
  branchName: headers.branch,
  branchId: headers.branch,
};

/**
 * One report of the file's rows: the reader's problems of each cell, then the API's verdict on
 * the rest (its issues named by the file's column and said in Chinese and English; an API issue
 * of a column the reader already refused is left out: it only repeats it). A row with any
 * problem is INVALID.
 */
export function importView(
  sheet: ParsedSheet,
  skipped: readonly ParsedRow[],
  api: ApiImportReport | null,
  labels: Record<string, string>,
): ImportView {
  const verdicts = new Map((api?.rows ?? []).map((row) => [row.line, row]));
  const skippedLines = new Set(skipped.map((row) => row.line));
  const columnOf = (field: string) => sheet.columnOf.get(field) ?? defaultColumns[field] ?? labels[field] ?? field;
  const rows = sheet.rows.map((row): ImportRowView => {
    const facts = {
      line: row.line,
      title: typeof row.input.title === 'string' ? row.input.title : null,
      category: typeof row.input.category === 'string' ? (categoryLabels[row.input.category as keyof typeof categoryLabels] ?? null) : null,
      dueDate: typeof row.input.dueDate === 'string' ? row.input.dueDate : null,
      branch: row.branchName,
    };
    if (skippedLines.has(row.line)) {
      return { ...facts, outcome: 'SKIPPED', commitmentId: null, issues: [] };
    }
    const verdict = verdicts.get(row.line);
    const readerColumns = new Set(row.issues.map((issue) => issue.column));
    const apiIssues = (verdict?.issues ?? [])
      .map((issue) => {
        const column = columnOf(issue.field);
        const value = issue.code === 'UNKNOWN_BRANCH' ? (row.branchName ?? '') : undefined;
        return { column, code: issue.code, message: issueText(issue.code, column, { limit: issue.limit, value, detail: issue.message }) };
      })
      .filter((issue) => !readerColumns.has(issue.column));
    const issues = [...row.issues, ...apiIssues];
    const outcome = issues.length > 0 ? 'INVALID' : (verdict?.outcome ?? 'INVALID');
    return { ...facts, outcome, commitmentId: verdict?.commitmentId ?? null, issues };
  });
  const count = (outcome: ImportRowView['outcome']) => rows.filter((row) => row.outcome === outcome).length;
  return {
    sheetName: sheet.sheetName,
    dryRun: api?.dryRun ?? true,
    applied: Boolean(api?.applied) && count('INVALID') === 0,
    publish: api?.publish ?? false,
    created: count('CREATE'),
    existing: count('EXISTS'),
    invalid: count('INVALID'),
    skipped: count('SKIPPED'),
    rows,
  };
}
