import { describe, expect, it } from 'vitest';
import type { BoardStatsFragment } from '../generated/graphql.ts';
import { createFormat } from '../i18n/format.ts';
import { type GraphMember, partnerGraphOption } from './chart-options.ts';

const members: GraphMember[] = ['征迁指挥部', '高速执法', '改扩建项目部', '交通工程研究所', '高速交警'].map((shortName, index) => ({
  partnerId: `p${index}`,
  name: `${shortName}（全称）`,
  shortName,
  group: 'KIND',
}));
const stats = {
  byPartner: members.map((member) => ({ partnerId: member.partnerId, total: 4, completionRate: 0.25 })),
} as unknown as BoardStatsFragment;
const groups = [
  { value: 'alliance', name: '党建联盟', color: 'red' },
  { value: 'KIND', name: '企业', color: 'gold' },
];

interface Node {
  x: number;
  y: number;
  symbolSize: number;
  label: { formatter?: string; position?: string };
}

function layout(width: number, height: number, rem: number) {
  const option = partnerGraphOption('联盟', members, groups, stats, createFormat('zh-CN'), { width, height, rem });
  const series = (option.series as { data: Node[]; left: number; top: number; width: number; height: number }[])[0];
  if (!series) {
    throw new Error('no series');
  }
  return series;
}

describe('the partner graph laid out for its box', () => {
  it.each([
    [320, 110, 12],
    [420, 230, 16],
    [350, 260, 16],
    [840, 460, 32],
  ])('keeps every partner and its label inside a %i×%i box (rem %i), drawn at scale 1', (width, height, rem) => {
    const series = layout(width, height, rem);
    const xs = series.data.map((node) => node.x);
    const ys = series.data.map((node) => node.y);
    // The view is the nodes' own extent: ECharts draws their pixels as given.
    expect(series.left).toBeCloseTo(Math.min(...xs));
    expect(series.width).toBeCloseTo(Math.max(...xs) - Math.min(...xs));
    expect(series.top).toBeCloseTo(Math.min(...ys));
    const label = Math.round(0.8 * rem);
    for (const node of series.data.slice(1)) {
      const text = node.label.formatter ?? '';
      const [name = ''] = /\{name\|([^}]*)\}/.exec(text)?.slice(1) ?? [];
      const lines = text.includes('\n') ? 2 : 1;
      // Beside a node its label's width must fit; above or below, its lines.
      if (node.label.position === 'left') {
        expect(node.x - node.symbolSize / 2 - [...name].length * label).toBeGreaterThanOrEqual(-1);
      } else if (node.label.position === 'right') {
        expect(node.x + node.symbolSize / 2 + [...name].length * label).toBeLessThanOrEqual(width + 1);
      } else if (node.label.position === 'top') {
        expect(node.y - node.symbolSize / 2 - lines * label * 1.3).toBeGreaterThanOrEqual(-1);
      } else {
        expect(node.y + node.symbolSize / 2 + lines * label * 1.3).toBeLessThanOrEqual(height + 1);
      }
    }
  });

  it('puts the rate under the name where the box is tall enough, beside it where it is not', () => {
    expect(layout(420, 300, 16).data[1]?.label.formatter).toContain('\n');
    expect(layout(320, 110, 12).data[1]?.label.formatter).not.toContain('\n');
  });
});
