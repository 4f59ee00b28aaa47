import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type ColumnType, headers, type LedgerColumn, type LedgerRow } from './row.ts';
import { averageProgress, completionRate, type Figures, LedgerTally } from './tally.ts';
import { categoryLabels, statusLabels } from './vocabulary.ts';

/** The sheets of an exported ledger. */
export const sheetNames = { ledger: '台账', summary: '汇总' } as const;

export interface LedgerWorkbookOptions {
  /** The first line of both sheets, e.g. 「…党建联盟共建清单台账」. */
  readonly title: string;
  /** The second line: when it was exported and with which filters. */
  readonly note: string;
  readonly columns: readonly LedgerColumn[];
  /** A summary by alliance too (a file of several alliances). */
  readonly byAlliance: boolean;
  /** Alliances and partners the summary lists even when no row is theirs (the members, as the API's stats list them). */
  readonly known?: { readonly alliances?: readonly string[]; readonly partners?: readonly string[] };
}

const numberFormats: Record<ColumnType, string | undefined> = {
  text: undefined,
  integer: '0',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
};

const thin = { style: 'thin', color: { argb: 'FFBFBFBF' } } as const;
const border = { top: thin, left: thin, bottom: thin, right: thin };
const headerFill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC00000' } } as const;
const overdueFill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE2E2' } } as const;
const lightFills: Record<string, string> = { 红灯: 'FFE53935', 黄灯: 'FFFBC02D', 绿灯: 'FF43A047' };

/** A column's letter from its 1-based number (1 → A, 27 → AA). */
export function columnLetter(number: number): string {
  let letters = '';
  for (let n = number; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Rows of a sheet: title on row 1, note on row 2, headers on row 3, data from row 4. */
const headerRow = 3;

function writeTitle(sheet: ExcelJS.Worksheet, title: string, note: string, width: number): void {
  const titleRow = sheet.addRow([title]);
  titleRow.height = 28;
  titleRow.getCell(1).font = { name: '黑体', size: 16, bold: true };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  const noteRow = sheet.addRow([note]);
  noteRow.getCell(1).font = { size: 10, color: { argb: 'FF595959' } };
  sheet.mergeCells(1, 1, 1, width);
  sheet.mergeCells(2, 1, 2, width);
  noteRow.commit();
}

function writeHeader(sheet: ExcelJS.Worksheet, names: readonly string[]): void {
  const row = sheet.addRow([...names]);
  row.height = 22;
  row.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = headerFill;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = border;
  });
  row.commit();
}

/**
 * Writes the ledger as .xlsx to `output` while the rows arrive, page by page: exceljs's streaming
 * writer commits each row to the zip as it is written (inline strings, no shared-string table),
 * and the next page is asked for only once `output` has drained, so memory holds about one page
 * whatever the row count. The 台账 sheet has a frozen header with filters, dates as dates and
 * numbers as numbers, overdue rows filled red; the 汇总 sheet counts by alliance, partner and
 * category with COUNTIFS formulas over the 台账 sheet, their values cached. Returns the tally.
 * A failing `pages` iterator rejects; the caller then aborts `output` (the file is incomplete).
 */
export async function writeLedgerWorkbook(
  output: Writable,
  pages: AsyncIterable<readonly LedgerRow[]>,
  options: LedgerWorkbookOptions,
): Promise<LedgerTally> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = '党建联建共建平台';
  workbook.created = new Date();
  const { columns } = options;
  const sheet = workbook.addWorksheet(sheetNames.ledger, { views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0 }] });
  sheet.columns = columns.map((column) => ({ width: column.width, style: { numFmt: numberFormats[column.type] } }));
  writeTitle(sheet, options.title, options.note, columns.length);
  writeHeader(
    sheet,
    columns.map((column) => column.header),
  );
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columns.length } };
  const overdueColumn = columns.findIndex((column) => column.header === headers.overdue) + 1;
  const lightColumn = columns.findIndex((column) => column.header === headers.light) + 1;

  const tally = new LedgerTally(options.known);
  for await (const page of pages) {
    for (const item of page) {
      const row = sheet.addRow(columns.map((column) => column.value(item, tally.rows)));
      row.eachCell({ includeEmpty: true }, (cell, number) => {
        cell.border = border;
        if (item.overdue) {
          cell.fill = overdueFill;
          cell.font = number === overdueColumn ? { bold: true, color: { argb: 'FFC00000' } } : {};
        }
      });
      const light = lightColumn ? lightFills[String(row.getCell(lightColumn).value)] : undefined;
      if (light) {
        row.getCell(lightColumn).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: light } };
      }
      row.commit();
      tally.add(item);
    }
    if (output.writableNeedDrain) {
      await once(output, 'drain');
    }
  }
  sheet.commit();
  writeSummary(workbook, tally, options);
  await workbook.commit();
  return tally;
}

/** A range of a 台账 column for the summary's formulas: from the first data row to the last. */
function dataRange(columns: readonly LedgerColumn[], header: string, lastRow: number): string {
  const letter = columnLetter(columns.findIndex((column) => column.header === header) + 1);
  return `'${sheetNames.ledger}'!$${letter}$${headerRow + 1}:$${letter}$${Math.max(lastRow, headerRow + 1)}`;
}

/**
 * The 汇总 sheet: per group, 事项数 (withdrawn excluded), 已销项, 逾期, 完成率 and 平均进展 as
 * formulas over the 台账 sheet (COUNTIFS, AVERAGEIFS), each with its value cached so a reader
 * that does not calculate (or a test) sees the figures; a 合计 row under each table.
 */
function writeSummary(workbook: ExcelJS.stream.xlsx.WorkbookWriter, tally: LedgerTally, options: LedgerWorkbookOptions): void {
  const sheet = workbook.addWorksheet(sheetNames.summary);
  sheet.columns = [{ width: 30 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 12 }];
  writeTitle(sheet, `${options.title}·汇总`, options.note, 6);
  const lastRow = headerRow + tally.rows;
  const range = (header: string) => dataRange(options.columns, header, lastRow);
  const status = range(headers.status);
  const overdue = range(headers.overdue);
  const progress = range(headers.progress);
  const withdrawn = `"<>${statusLabels.WITHDRAWN}"`;
  let rowNumber = headerRow - 1;

  const table = (heading: string, groupHeader: string, groups: [string, Figures][]) => {
    const headingRow = sheet.addRow([heading]);
    headingRow.getCell(1).font = { name: '黑体', size: 12, bold: true };
    headingRow.commit();
    writeHeader(sheet, [groupHeader, '事项数', '已销项', '逾期', '完成率', '平均进展 %']);
    rowNumber += 2;
    const first = rowNumber + 1;
    const group = range(groupHeader);
    for (const [name, figures] of groups) {
      rowNumber += 1;
      const key = `$A${rowNumber}`;
      const row = sheet.addRow([
        name,
        { formula: `COUNTIFS(${group},${key},${status},${withdrawn})`, result: figures.total },
        { formula: `COUNTIFS(${group},${key},${status},"${statusLabels.COMPLETED}")`, result: figures.completed },
        { formula: `COUNTIFS(${group},${key},${overdue},"是")`, result: figures.overdue },
        { formula: `IF(B${rowNumber}=0,0,C${rowNumber}/B${rowNumber})`, result: completionRate(figures) },
        { formula: `IFERROR(AVERAGEIFS(${progress},${group},${key},${status},${withdrawn}),0)`, result: averageProgress(figures) },
      ]);
      styleFigures(row);
      row.commit();
    }
    rowNumber += 1;
    const sums = groups.reduce(
      (all, [, figures]) => ({
        total: all.total + figures.total,
        completed: all.completed + figures.completed,
        overdue: all.overdue + figures.overdue,
      }),
      { total: 0, completed: 0, overdue: 0 },
    );
    const last = rowNumber - 1;
    // An empty table has no rows to add up (a SUM over its own row would be circular).
    const sum = (letter: string, result: number) => (last < first ? 0 : { formula: `SUM(${letter}${first}:${letter}${last})`, result });
    const total = sheet.addRow([
      '合计',
      sum('B', sums.total),
      sum('C', sums.completed),
      sum('D', sums.overdue),
      { formula: `IF(B${rowNumber}=0,0,C${rowNumber}/B${rowNumber})`, result: sums.total === 0 ? 0 : sums.completed / sums.total },
      {
        formula: `IFERROR(AVERAGEIFS(${progress},${status},${withdrawn}),0)`,
        result: averageProgress(tally.overall),
      },
    ]);
    styleFigures(total);
    total.font = { bold: true };
    total.commit();
    sheet.addRow([]).commit();
    rowNumber += 1;
  };

  if (options.byAlliance) {
    table('按联盟', headers.alliance, [...tally.byAlliance]);
  }
  table('按共建单位', headers.partner, [...tally.byPartner]);
  table(
    '按类别',
    headers.category,
    [...tally.byCategory].map(([category, figures]) => [categoryLabels[category], figures]),
  );
  sheet.commit();
}

function styleFigures(row: ExcelJS.Row): void {
  row.eachCell({ includeEmpty: true }, (cell, number) => {
    cell.border = border;
    cell.numFmt = number === 5 ? '0.0%' : number === 6 ? '0.0' : '0';
  });
}
