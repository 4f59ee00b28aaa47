import { describe, expect, it } from 'vitest';
import { monthGrid, monthOf, nextActivities } from './calendar.ts';
import { outlineContains, regionMapFor, regions } from './map-regions.ts';
import { rankPartners } from './ranking.ts';

const figures = (partnerId: string, partnerName: string, completed: number, total: number) => ({
  partnerId,
  partnerName,
  kind: 'ENTERPRISE',
  total,
  completed,
  overdue: 0,
  completionRate: total === 0 ? 0 : completed / total,
  averageProgress: 0,
});

describe('rankPartners', () => {
  it('orders by completion rate, then items completed; equal figures share a rank; short names where known', () => {
    const ranked = rankPartners(
      [
        figures('a', '甲单位全称', 1, 4),
        figures('b', '乙单位全称', 2, 4),
        figures('c', '丙单位全称', 4, 8),
        figures('d', '丁单位全称', 0, 0),
      ],
      new Map([['c', '丙']]),
    );
    expect(ranked.map((row) => [row.partnerId, row.rank])).toEqual([
      ['c', 1],
      ['b', 2],
      ['a', 3],
      ['d', 4],
    ]);
    expect(ranked[0]).toMatchObject({ shortName: '丙', fullName: '丙单位全称' });
    expect(ranked[1]).toMatchObject({ shortName: '乙单位全称', fullName: '乙单位全称' });
    const tied = rankPartners([figures('x', '甲', 1, 2), figures('y', '乙', 1, 2), figures('z', '丙', 0, 2)], new Map());
    expect(tied.map((row) => row.rank)).toEqual([1, 1, 3]);
  });
});

describe('calendar', () => {
  it('lays a month out in whole weeks from Monday, each activity on its day in China', () => {
    // 2026-11-01 is a Sunday; 30 November a Monday.
    const activities = [
      { id: '1', startsAt: '2026-11-09T16:30:00Z' }, // 10 Nov 00:30 in China
      { id: '2', startsAt: '2026-11-10T02:00:00Z' },
      { id: '3', startsAt: '2026-12-01T01:00:00Z' },
    ];
    const weeks = monthGrid('2026-11', activities);
    expect(weeks.length).toBe(6);
    expect(weeks[0]?.[0]).toMatchObject({ day: '2026-10-26', inMonth: false });
    expect(weeks[0]?.[6]).toMatchObject({ day: '2026-11-01', inMonth: true });
    expect(weeks[5]?.[0]).toMatchObject({ day: '2026-11-30', inMonth: true });
    expect(weeks[5]?.[1]).toMatchObject({ day: '2026-12-01', inMonth: false });
    const days = weeks.flat();
    expect(days.find((day) => day.day === '2026-11-10')?.activities.map((a) => a.id)).toEqual(['1', '2']);
    expect(days.find((day) => day.day === '2026-11-09')?.activities).toEqual([]);
    expect(monthGrid('2021-02', []).length).toBe(4); // February 2021 begins on a Monday and has 28 days
  });

  it('moves between months and lists the next activities, soonest first', () => {
    expect(monthOf('2026-11-30')).toBe('2026-11');
    expect(monthOf('2026-01-15', -1)).toBe('2025-12');
    expect(monthOf('2026-12-01', 1)).toBe('2027-01');
    const now = new Date('2026-11-30T04:00:00Z');
    const next = nextActivities(
      [
        { id: 'past', startsAt: '2026-11-29T04:00:00Z' },
        { id: 'later', startsAt: '2026-12-20T04:00:00Z' },
        { id: 'soon', startsAt: '2026-12-01T04:00:00Z' },
      ],
      now,
      4,
    );
    expect(next.map((activity) => activity.id)).toEqual(['soon', 'later']);
  });
});

describe('map regions', () => {
  it('finds the shipped outlines containing the demo members: 宁海 and 杭州 in 浙江, 白琳镇 in 福建', async () => {
    const [zhejiang, fujian] = await Promise.all(regions.map(async (region) => (await region.load()).default));
    expect(zhejiang && outlineContains(zhejiang, [121.43, 29.29])).toBe(true);
    expect(zhejiang && outlineContains(zhejiang, [120.15, 30.27])).toBe(true);
    expect(zhejiang && outlineContains(zhejiang, [120.12, 27.25])).toBe(false);
    expect(fujian && outlineContains(fujian, [120.12, 27.25])).toBe(true);
    expect((await regionMapFor([[121.43, 29.29]]))?.keys).toEqual(['zhejiang']);
    expect((await regionMapFor([[120.12, 27.25]]))?.keys).toEqual(['fujian']);
    const both = await regionMapFor([
      [121.43, 29.29],
      [120.12, 27.25],
    ]);
    expect(both?.keys).toEqual(['zhejiang', 'fujian']);
    expect(both?.outline.features.length).toBe((zhejiang?.features.length ?? 0) + (fujian?.features.length ?? 0));
    expect(await regionMapFor([[116.4, 39.9]])).toBeNull(); // Beijing: no outline shipped
    expect(await regionMapFor([])).toBeNull();
  });
});
