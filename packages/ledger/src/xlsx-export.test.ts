import { PassThrough } from 'node:stream';
import { Category, CommitmentStatus } from '@hub/contracts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { LedgerKind } from './kinds.ts';
import { headers, type LedgerRow, ledgerColumns } from './row.ts';
import { columnLetter, sheetNames, writeLedgerWorkbook } from './xlsx-export.ts';

const enterprise: LedgerKind = {
  kind: 'ENTERPRISE',
  typePrefix: 'Enterprise',
  namespace: 'enterprise',
  label: { zh: '企业/项目部', en: 'Enterprise' },
  fields: [
    {
      name: 'project',
      type: 'TEXT',
      label: { zh: '项目', en: 'Project' },
      required: true,
      maxLength: 200,
      max: null,
      maxItems: null,
      choices: [],
    },
    {
      name: 'pioneerPosts',
      type: 'COUNT',
      label: { zh: '党员先锋岗', en: 'Posts' },
      required: true,
      maxLength: null,
      max: 100,
      maxItems: null,
      choices: [],
    },
    {
      name: 'zones',
      type: 'TEXTS',
      label: { zh: '党员责任区', en: 'Zones' },
      required: false,
      maxLength: 100,
      max: null,
      maxItems: 10,
      choices: [],
    },
  ],
};

function row(overrides: Partial<LedgerRow>): LedgerRow {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    allianceName: '测试联盟',
    partnerName: '项目部',
    kind: enterprise,
    title: '事项',
    description: null,
    category: Category.WORK_LINKAGE,
    branch: '第一党支部',
    startDate: '2026-01-01',
    dueDate: '2026-06-30',
    progress: 40,
    status: CommitmentStatus.IN_PROGRESS,
    overdue: false,
    light: null,
    lastProgress: { text: '完成一半', day: '2026-03-02' },
    completedOn: null,
    reminderCount: null,
    own: { project: '改扩建工程', pioneerPosts: 3, zones: ['K1', 'K2'] },
    ...overrides,
  };
}

async function* pagesOf(...pages: LedgerRow[][]) {
  yield* pages;
}

async function written(rows: LedgerRow[][], byAlliance = false) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const columns = ledgerColumns({ allianceColumn: byAlliance, kinds: [enterprise], light: false, reminders: true });
  const tally = await writeLedgerWorkbook(output, pagesOf(...rows), { title: '测试台账', note: '导出于今天', columns, byAlliance });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return { workbook, columns, tally };
}

describe('the ledger workbook', () => {
  it('holds one row per item under a frozen header, dates as dates and numbers as numbers', async () => {
    const { workbook, columns } = await written([
      [row({ title: '甲' }), row({ title: '乙', overdue: true, dueDate: '2026-01-31', progress: 10 })],
      [row({ title: '丙', status: CommitmentStatus.COMPLETED, progress: 100, completedOn: '2026-02-03' })],
    ]);
    const sheet = workbook.getWorksheet(sheetNames.ledger);
    expect(sheet).toBeDefined();
    const header = sheet?.getRow(3).values as unknown[];
    expect(header.slice(1)).toEqual(columns.map((column) => column.header));
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const at = (rowNumber: number, name: string) => sheet?.getRow(rowNumber).getCell(columns.findIndex((c) => c.header === name) + 1).value;
    expect(at(4, headers.seq)).toBe(1);
    expect(at(6, headers.seq)).toBe(3);
    expect(at(5, headers.title)).toBe('乙');
    expect(at(5, headers.dueDate)).toEqual(new Date('2026-01-31T00:00:00Z'));
    expect(at(5, headers.progress)).toBe(10);
    expect(at(5, headers.overdue)).toBe('是');
    expect(at(6, headers.completedOn)).toEqual(new Date('2026-02-03T00:00:00Z'));
    expect(at(6, headers.status)).toBe('已销项');
    expect(at(4, '党员先锋岗')).toBe(3);
    expect(at(4, '党员责任区')).toBe('K1、K2');
    expect(at(4, headers.reminders)).toBe(0);
    expect((sheet?.getRow(5).getCell(1).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFDE2E2');
  });

  it('sums up by partner and category with COUNTIFS formulas whose cached values match the rows', async () => {
    const { workbook, columns } = await written([
      [
        row({ partnerName: '甲单位', status: CommitmentStatus.COMPLETED, progress: 100 }),
        row({ partnerName: '甲单位', overdue: true, progress: 20 }),
        row({ partnerName: '乙单位', category: Category.THEORY_STUDY, progress: 60 }),
        row({ partnerName: '乙单位', status: CommitmentStatus.WITHDRAWN, progress: 0 }),
      ],
    ]);
    const summary = workbook.getWorksheet(sheetNames.summary);
    const partnerLetter = columnLetter(columns.findIndex((column) => column.header === headers.partner) + 1);
    const first = summary?.getRow(5);
    expect(first?.getCell(1).value).toBe('甲单位');
    const total = first?.getCell(2).value as { formula: string; result: number };
    expect(total.formula).toContain(`'台账'!$${partnerLetter}$4:$${partnerLetter}$7`);
    expect(total.formula).toMatch(/^COUNTIFS\(/);
    expect(total.result).toBe(2);
    expect((first?.getCell(3).value as { result: number }).result).toBe(1);
    expect((first?.getCell(4).value as { result: number }).result).toBe(1);
    expect((first?.getCell(5).value as { result: number }).result).toBe(0.5);
    const second = summary?.getRow(6);
    expect(second?.getCell(1).value).toBe('乙单位');
    expect((second?.getCell(2).value as { result: number }).result).toBe(1);
    const sum = summary?.getRow(7);
    expect(sum?.getCell(1).value).toBe('合计');
    expect(sum?.getCell(2).value).toMatchObject({ formula: 'SUM(B5:B6)', result: 3 });
    const categoryRows = [...Array(20).keys()].map((index) => summary?.getRow(index + 1));
    const theory = categoryRows.find((candidate) => candidate?.getCell(1).value === '理论联学');
    expect((theory?.getCell(2).value as { result: number }).result).toBe(1);
  });

  it('writes a valid workbook without rows', async () => {
    const { workbook, tally } = await written([]);
    expect(tally.rows).toBe(0);
    const summary = workbook.getWorksheet(sheetNames.summary);
    expect(summary?.getRow(5).getCell(1).value).toBe('合计');
    expect(summary?.getRow(5).getCell(2).value).toBe(0);
  });
});
