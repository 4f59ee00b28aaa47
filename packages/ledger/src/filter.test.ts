import { describe, expect, it } from 'vitest';
import { describeFilter, parseExportRequest } from './filter.ts';

const kinds = ['ENTERPRISE', 'TRAFFIC_POLICE'];
const alliance = '8e2f21bd-2c64-562f-8e7e-32f2fd91cc93';
const parse = (query: string) => parseExportRequest(new URLSearchParams(query), kinds);

describe('an export’s address', () => {
  it('reads the tracking view’s filters into the API’s', () => {
    expect(
      parse(
        `alliance=${alliance}&status=IN_PROGRESS,PUBLISHED&category=WORK_LINKAGE&kind=ENTERPRISE&partner=${alliance}&overdue=1&stale=30&light=RED&order=DUE_DATE_DESC`,
      ),
    ).toEqual({
      alliance,
      filter: {
        status: ['IN_PROGRESS', 'PUBLISHED'],
        category: ['WORK_LINKAGE'],
        partnerKind: ['ENTERPRISE'],
        partnerId: [alliance],
        overdue: true,
        staleDays: 30,
        light: ['RED'],
      },
      order: 'DUE_DATE_DESC',
    });
    expect(parse('alliance=all&overdue=0&status=&order=')).toEqual({ alliance: 'all', filter: {}, order: 'DUE_DATE_ASC' });
  });

  it('names the first parameter it cannot take', () => {
    const problems = [
      '',
      'alliance=x',
      `alliance=${alliance}&status=DRAFT`,
      `alliance=${alliance}&kind=HOSPITAL`,
      `alliance=${alliance}&stale=0`,
      `alliance=${alliance}&stale=3651`,
      `alliance=${alliance}&partner=1`,
      `alliance=${alliance}&light=BLUE`,
      `alliance=${alliance}&order=TITLE`,
    ].map((query) => {
      const parsed = parse(query);
      return 'problem' in parsed ? parsed.problem.split(':')[0] : null;
    });
    expect(problems).toEqual(['alliance', 'alliance', 'status', 'kind', 'stale', 'stale', 'partner', 'light', 'order']);
  });

  it('says the filter in words for the file', () => {
    const request = parse(`alliance=${alliance}&status=COMPLETED&overdue=1&kind=TRAFFIC_POLICE&light=RED,YELLOW`);
    if ('problem' in request) {
      throw new Error(request.problem);
    }
    expect(describeFilter(request, { kinds: new Map([['TRAFFIC_POLICE', '高速交警/执法']]), partners: new Map() })).toBe(
      '状态：已销项；单位类型：高速交警/执法；只含逾期事项；红黄绿灯：红灯、黄灯',
    );
    const all = parse('alliance=all');
    expect('problem' in all ? '' : describeFilter(all, { kinds: new Map(), partners: new Map() })).toBe('全部事项');
  });
});
