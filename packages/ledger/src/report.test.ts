import { createRequire } from 'node:module';
import { ActivityType, Category } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from './period.ts';
import { type ApiFigures, type ApiReportAlliance, type ApiReportItem, buildReport, percentText, type ReportSources } from './report.ts';
import { reportDocx } from './report-docx.ts';

/** JSZip, which docx itself packs with: opens the .docx to read its text. */
const JSZip = createRequire(createRequire(import.meta.url).resolve('docx'))('jszip') as {
  loadAsync(data: Buffer): Promise<{ file(name: string): { async(type: 'string'): Promise<string> } | null }>;
};

const figures = (total: number, completed: number, overdue: number, averageProgress = 50): ApiFigures => ({
  total,
  completed,
  overdue,
  completionRate: total ? completed / total : 0,
  averageProgress,
});

function alliance(name: string, overall: ApiFigures): ApiReportAlliance {
  return {
    id: `${name}-id`,
    name,
    coordinatorName: '牵头单位',
    stats: {
      overall,
      byPartner: [{ partnerId: 'p1', partnerName: '项目部', kind: 'ENTERPRISE', ...overall }],
      byCategory: [{ category: Category.WORK_LINKAGE, ...overall }],
      stale: 1,
      staleDays: 30,
    },
    activities: [
      {
        id: 'a1',
        title: '主题党日',
        type: ActivityType.THEME_PARTY_DAY,
        startsAt: '2026-03-10T02:00:00Z',
        host: { name: '项目部' },
        attendance: [{ attendees: 12 }, { attendees: 8 }],
      },
      { id: 'a2', title: '四月的活动', type: ActivityType.LECTURE, startsAt: '2026-04-02T02:00:00Z', attendance: [] },
    ],
  };
}

const item = (overrides: Partial<ApiReportItem>): ApiReportItem => ({
  id: 'i1',
  partnerId: 'p1',
  title: '事项',
  category: Category.WORK_LINKAGE,
  status: 'IN_PROGRESS',
  progress: 40,
  dueDate: '2026-02-28',
  publishedAt: '2026-01-01T00:00:00Z',
  completedAt: null,
  progressReports: [],
  ...overrides,
});

const march = parsePeriod('2026-03');
if (!march) {
  throw new Error('2026-03 is a period');
}

function sources(name: string, overall: ApiFigures): ReportSources {
  return {
    alliance: alliance(name, overall),
    overdue: [
      item({
        id: 'late',
        title: '逾期事项',
        progressReports: [{ percent: 40, text: '材料待审批', reportedAt: '2026-03-05T01:00:00Z', figures: [] }],
        reminders: [
          { answer: { explanation: '旧的答复', answeredAt: '2026-03-01T01:00:00Z' } },
          { answer: { explanation: '征迁未完成', proposedDueDate: '2026-05-31', answeredAt: '2026-03-08T01:00:00Z' } },
          { answer: null },
        ],
      }),
      item({
        id: 'late2',
        title: '只报进展',
        dueDate: '2026-03-01',
        progressReports: [{ percent: 10, text: '材料待审批', reportedAt: '2026-03-05T01:00:00Z', figures: [] }],
      }),
    ],
    stale: [item({ id: 'late' }), item({ id: 'quiet', title: '沉寂事项', dueDate: '2026-12-31' })],
    completed: [
      item({ id: 'done', title: '三月销项', status: 'COMPLETED', completedAt: '2026-03-31T15:00:00Z' }),
      item({ id: 'old', title: '四月销项', status: 'COMPLETED', completedAt: '2026-03-31T17:00:00Z' }),
    ],
    advancing: [
      item({
        id: 'moving',
        title: '推进中的事项',
        progressReports: [
          { percent: 80, text: '硬化道路', reportedAt: '2026-03-20T01:00:00Z', figures: [{ label: '硬化道路', value: 200, unit: '米' }] },
          { percent: 90, text: '二月的进展', reportedAt: '2026-02-20T01:00:00Z', figures: [] },
        ],
      }),
    ],
  };
}

describe('the report', () => {
  it('gives one alliance’s figures exactly as the API does, and what happened in the period in the hub’s days', () => {
    const overall = figures(3, 1, 1, 46.7);
    const model = buildReport([sources('甲联盟', overall)], march, new Date('2026-04-10T00:00:00Z'), []);
    expect(model.overall).toMatchObject({ ...overall, stale: 1, closedInPeriod: 1, activitiesInPeriod: 1 });
    expect(model.lagging.map((entry) => [entry.title, entry.why, entry.reason, entry.reasonFrom])).toEqual([
      ['逾期事项', 'OVERDUE', '征迁未完成（拟调整完成时限至 2026-05-31）', 'ANSWER'],
      ['只报进展', 'OVERDUE', '材料待审批', 'PROGRESS'],
      ['沉寂事项', 'STALE', null, null],
    ]);
    expect(model.closed.map((entry) => entry.title)).toEqual(['三月销项']);
    expect(model.activities).toEqual([expect.objectContaining({ title: '主题党日', attendees: 20, type: '主题党日', day: '2026-03-10' })]);
    expect(model.progress).toEqual([expect.objectContaining({ title: '推进中的事项', percent: 80, figures: '硬化道路 200米' })]);
  });

  it('adds alliances up, the rates from the sums', () => {
    const model = buildReport(
      [sources('甲', figures(3, 1, 1, 40)), sources('乙', figures(1, 1, 0, 100))],
      march,
      new Date('2026-04-10T00:00:00Z'),
      [],
    );
    expect(model.scope).toBe('all');
    expect(model.overall).toMatchObject({ total: 4, completed: 2, overdue: 1, completionRate: 0.5, averageProgress: 55 });
    expect(model.byAlliance.map((row) => row.alliance)).toEqual(['甲', '乙']);
  });

  it('writes a Word document holding the figures, in official fonts', async () => {
    const model = buildReport([sources('甲联盟', figures(3, 1, 1, 46.7))], march, new Date('2026-04-10T00:00:00Z'), []);
    const zip = await JSZip.loadAsync(await reportDocx(model));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('甲联盟工作简报');
    expect(text).toContain('2026年3月');
    expect(text).toContain(`完成率 ${percentText(1 / 3)}`);
    expect(text).toContain('一、总体情况');
    expect(text).toContain('七、重要进展');
    expect(text).toContain('征迁未完成（拟调整完成时限至 2026-05-31）');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
  });
});
