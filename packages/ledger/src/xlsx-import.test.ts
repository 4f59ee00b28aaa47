import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { Category, CommitmentStatus } from '@hub/contracts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { LedgerKind } from './kinds.ts';
import { type LedgerRow, ledgerColumns } from './row.ts';
import { importTemplate, templateSheets } from './template.ts';
import { writeLedgerWorkbook } from './xlsx-export.ts';
import { dayOf, ImportFileError, importLimits, readImportWorkbook } from './xlsx-import.ts';

/** JSZip, the zip library exceljs itself writes with: builds the hostile archives. */
const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as {
  new (): { file(name: string, data: string | Buffer, options?: object): void; generateAsync(options: object): Promise<Buffer> };
  loadAsync(data: Buffer): Promise<{
    files: Record<string, unknown>;
    file(name: string, data: string | Buffer, options?: object): void;
    generateAsync(options: object): Promise<Buffer>;
  }>;
};

const police: LedgerKind = {
  kind: 'TRAFFIC_POLICE',
  typePrefix: 'TrafficPolice',
  namespace: 'trafficPolice',
  label: { zh: '高速交警/执法', en: 'Traffic police' },
  fields: [
    {
      name: 'roadSection',
      type: 'TEXT',
      label: { zh: '路段', en: 'Road section' },
      required: true,
      maxLength: 200,
      max: null,
      maxItems: null,
      choices: [],
    },
    {
      name: 'officers',
      type: 'COUNT',
      label: { zh: '警力', en: 'Officers' },
      required: false,
      maxLength: null,
      max: 500,
      maxItems: null,
      choices: [],
    },
    {
      name: 'guarantees',
      type: 'CHOICES',
      label: { zh: '九方六保', en: 'Guarantees' },
      required: false,
      maxLength: null,
      max: null,
      maxItems: null,
      choices: [
        { value: 'SAFETY', label: { zh: '保安全', en: 'Safety' } },
        { value: 'TRAFFIC_FLOW', label: { zh: '保畅通', en: 'Flow' } },
      ],
    },
    {
      name: 'checkpoints',
      type: 'TEXTS',
      label: { zh: '卡口', en: 'Checkpoints' },
      required: false,
      maxLength: 50,
      max: null,
      maxItems: 5,
      choices: [],
    },
  ],
};

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The import template with `rows` filled in from row 4 (cells by header). */
async function filledTemplate(rows: Record<string, ExcelJS.CellValue>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    (await importTemplate(police, { partnerName: '宁海大队', branches: ['交警党支部'] })) as unknown as ExcelJS.Buffer,
  );
  const sheet = workbook.getWorksheet(templateSheets.items);
  if (!sheet) {
    throw new Error('the template has no 承诺事项 sheet');
  }
  const headers = (sheet.getRow(3).values as string[]).map((header) => String(header ?? '').replace('*', ''));
  rows.forEach((row, index) => {
    for (const [header, value] of Object.entries(row)) {
      sheet.getRow(4 + index).getCell(headers.indexOf(header)).value = value;
    }
  });
  return bytesOf(workbook);
}

async function refusal(bytes: Buffer): Promise<string> {
  try {
    await readImportWorkbook(bytes, police);
  } catch (error) {
    if (error instanceof ImportFileError) {
      return error.problem;
    }
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('reading an import', () => {
  it('reads the template as filled in: text, categories by their words, dates from date cells and text, counts, lists, choices', async () => {
    const sheet = await readImportWorkbook(
      await filledTemplate([
        {
          事项名称: '冬季联合保通',
          类别: '责任联担',
          开始日期: new Date('2026-11-01T00:00:00Z'),
          完成时限: '2027/3/31',
          责任支部: '交警党支部',
          路段: 'G15 K1520',
          警力: 12,
          九方六保: '保安全、TRAFFIC_FLOW',
          卡口: '宁海北，宁海南',
        },
        { 事项名称: '第二项', 类别: 'THEORY_STUDY', 完成时限: '2027年1月5日' },
      ]),
      police,
    );
    expect(sheet.sheetName).toBe(templateSheets.items);
    expect(sheet.rows).toHaveLength(2);
    expect(sheet.rows[0]).toMatchObject({
      line: 4,
      branchName: '交警党支部',
      issues: [],
      input: {
        title: '冬季联合保通',
        category: Category.SHARED_RESPONSIBILITY,
        startDate: '2026-11-01',
        dueDate: '2027-03-31',
        roadSection: 'G15 K1520',
        officers: 12,
        guarantees: ['SAFETY', 'TRAFFIC_FLOW'],
        checkpoints: ['宁海北', '宁海南'],
      },
    });
    expect(sheet.rows[1]?.input).toEqual({ title: '第二项', category: Category.THEORY_STUDY, dueDate: '2027-01-05' });
  });

  it('says what is wrong with each cell it cannot take, and never evaluates a formula', async () => {
    const sheet = await readImportWorkbook(
      await filledTemplate([
        { 事项名称: { formula: 'CONCAT("a","b")', result: 'ab' }, 类别: '不存在的类别', 完成时限: '2027-02-30' },
        { 事项名称: true, 类别: '组织联建', 开始日期: '2026-13-01', 警力: '三个', 九方六保: '保平安' },
        { 事项名称: '小数', 类别: '组织联建', 警力: 2.5, 完成时限: { error: '#N/A' } as ExcelJS.CellErrorValue },
      ]),
      police,
    );
    const codes = sheet.rows.map((row) => row.issues.map((issue) => `${issue.column}:${issue.code}`));
    expect(codes[0]).toEqual(['事项名称:FORMULA', '类别:UNKNOWN_CATEGORY', '完成时限:BAD_DATE']);
    expect(codes[1]).toEqual(['事项名称:WRONG_TYPE', '开始日期:BAD_DATE', '警力:NOT_A_NUMBER', '九方六保:UNKNOWN_CHOICE']);
    expect(codes[2]).toEqual(['完成时限:WRONG_TYPE', '警力:NOT_INTEGER']);
    expect(sheet.rows[0]?.input.title).toBeUndefined();
    expect(sheet.rows[0]?.issues[1]?.message.zh).toContain('理论联学');
  });

  it('reads the export’s own layout, with each row’s partner', async () => {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const row: LedgerRow = {
      id: 'x',
      allianceName: '联盟',
      partnerName: '宁海大队',
      kind: police,
      title: '导出的事项',
      description: '说明',
      category: Category.WORK_LINKAGE,
      branch: '交警党支部',
      startDate: null,
      dueDate: '2027-01-31',
      progress: 30,
      status: CommitmentStatus.IN_PROGRESS,
      overdue: false,
      light: 'GREEN',
      lastProgress: null,
      completedOn: null,
      reminderCount: 1,
      own: { roadSection: 'K1', officers: 3, guarantees: ['SAFETY'], checkpoints: [] },
    };
    await writeLedgerWorkbook(
      output,
      (async function* () {
        yield [row];
      })(),
      {
        title: 't',
        note: 'n',
        columns: ledgerColumns({ allianceColumn: true, kinds: [police], light: true, reminders: true }),
        byAlliance: true,
      },
    );
    const sheet = await readImportWorkbook(Buffer.concat(chunks), police);
    expect(sheet.rows).toEqual([
      {
        line: 4,
        partnerName: '宁海大队',
        branchName: '交警党支部',
        issues: [],
        input: {
          title: '导出的事项',
          description: '说明',
          category: Category.WORK_LINKAGE,
          dueDate: '2027-01-31',
          roadSection: 'K1',
          officers: 3,
          guarantees: ['SAFETY'],
        },
      },
    ]);
  });

  it('reads dates written in the ways people write them, and nothing else as a date', () => {
    expect(['2026-6-30', '2026/06/30', '2026.6.30', '2026年6月30日', '２０２６－０６－３０'].map(dayOf)).toEqual(
      Array(5).fill('2026-06-30'),
    );
    expect(['2026-02-30', '30/6/2026', 'tomorrow', '46000'].map(dayOf)).toEqual([null, null, null, null]);
    expect(dayOf(new Date('1899-12-30T00:00:00Z'))).toBeNull();
  });
});

describe('refusing a file as a whole', () => {
  it('refuses what is no workbook: empty, not a zip, a zip without a workbook', async () => {
    expect(await refusal(Buffer.alloc(0))).toBe('NOT_XLSX');
    expect(await refusal(Buffer.from('序号,事项名称\n1,测试\n'))).toBe('NOT_XLSX');
    const zip = new JSZip();
    zip.file('hello.txt', 'hi');
    expect(await refusal(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))).toBe('NOT_XLSX');
  });

  it('refuses an upload over the limit before opening it', async () => {
    expect(await refusal(Buffer.alloc(importLimits.maxUploadBytes + 1))).toBe('TOO_LARGE');
  });

  it('stops a zip bomb at the limit, whether its directory tells the truth or lies', async () => {
    const honest = await JSZip.loadAsync(await filledTemplate([{ 事项名称: 'a', 类别: '组织联建' }]));
    honest.file('xl/media/bomb.bin', Buffer.alloc(importLimits.zip.maxEntryBytes + 1), { compression: 'DEFLATE' });
    const bomb = await honest.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(importLimits.maxUploadBytes);
    expect(await refusal(bomb)).toBe('UNPACKED_TOO_LARGE');
    // The same archive with the bomb's declared size rewritten to 1,000 bytes in its directory entry.
    const name = Buffer.from('xl/media/bomb.bin');
    const entry = bomb.lastIndexOf(Buffer.concat([name]));
    const directoryStart = entry - 46;
    expect(bomb.readUInt32LE(directoryStart)).toBe(0x02014b50);
    bomb.writeUInt32LE(1000, directoryStart + 24);
    expect(await refusal(bomb)).toBe('UNPACKED_TOO_LARGE');
  });

  it('refuses a sheet of 100,000 rows before reading its cells', async () => {
    const rows = Array.from({ length: 100_000 }, (_, index) => `<row r="${index + 1}"><c r="A${index + 1}"><v>1</v></c></row>`).join('');
    const zip = await JSZip.loadAsync(await filledTemplate([]));
    const sheetPath = Object.keys(zip.files).find((path) => /^xl\/worksheets\/sheet\d+\.xml$/.test(path)) ?? '';
    zip.file(
      sheetPath,
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
    );
    const file = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(file.length).toBeLessThan(importLimits.maxUploadBytes);
    expect(await refusal(file)).toBe('TOO_MANY_ROWS');
  });

  it('refuses a workbook without the 事项名称 header, without a 类别 column, or without rows', async () => {
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').addRow(['名称', '日期']);
    other.getWorksheet('Sheet1')?.addRow(['a', 'b']);
    expect(await refusal(await bytesOf(other))).toBe('NO_SHEET');
    const noCategory = new ExcelJS.Workbook();
    noCategory.addWorksheet('清单').addRows([
      ['事项名称', '完成时限'],
      ['a', '2026-01-01'],
    ]);
    expect(await refusal(await bytesOf(noCategory))).toBe('MISSING_COLUMN');
    expect(await refusal(await filledTemplate([]))).toBe('EMPTY');
  });

  it('refuses more data rows than one import takes', async () => {
    const many = new ExcelJS.Workbook();
    const sheet = many.addWorksheet('清单');
    sheet.addRow(['事项名称', '类别']);
    for (let index = 0; index <= importLimits.maxRows; index += 1) {
      sheet.addRow([`事项 ${index}`, '组织联建']);
    }
    expect(await refusal(await bytesOf(many))).toBe('TOO_MANY_ROWS');
  });
});
