import { describe, expect, it } from 'vitest';
import { matchWeights, reasonsOf } from './matching.ts';
import { clip } from './rules.ts';

const none = {
  category: 'WORK_LINKAGE',
  place: null,
  available_from: null,
  available_until: null,
  same_category: false,
  shared_tags: [],
  same_place: false,
  in_time: false,
  shared_help: [],
  covered: 0,
};

describe('matching', () => {
  it('weighs to 100 at most', () => {
    const { sharedTag: _perTag, ...rest } = matchWeights;
    expect(Object.values(rest).reduce((sum, weight) => sum + weight, 0)).toBe(100);
  });

  it('gives each reason with its detail, in the order of the codes', () => {
    const reasons = reasonsOf({
      ...none,
      place: '宁海县',
      available_from: '2027-01-01',
      same_category: true,
      shared_tags: ['高边坡', '监测'],
      same_place: true,
      in_time: true,
      shared_help: [
        { kind: 'EXPERTISE', asked: null, askedUnit: null, offered: null, offeredUnit: null, covered: false },
        { kind: 'PEOPLE', asked: 5, askedUnit: '人', offered: 8, offeredUnit: '人', covered: true },
      ],
      covered: 1,
    });
    expect(reasons).toEqual([
      { code: 'SAME_CATEGORY', detail: 'WORK_LINKAGE' },
      { code: 'SHARED_TAGS', detail: '高边坡, 监测' },
      { code: 'SAME_PLACE', detail: '宁海县' },
      { code: 'IN_TIME', detail: '2027-01-01..' },
      { code: 'HELP_KIND', detail: 'EXPERTISE, PEOPLE' },
      { code: 'ENOUGH_AMOUNT', detail: 'PEOPLE 8人 ≥ 5人' },
    ]);
  });

  it('says nothing of a time window the resource does not have', () => {
    expect(reasonsOf({ ...none, in_time: true })).toEqual([{ code: 'IN_TIME', detail: null }]);
  });

  it('gives no amount reason when no amount is covered', () => {
    const help = [{ kind: 'FUNDS', asked: 50000, askedUnit: '元', offered: 30000, offeredUnit: '元', covered: false }];
    expect(reasonsOf({ ...none, shared_help: help }).map((reason) => reason.code)).toEqual(['HELP_KIND']);
  });
});

describe('clip', () => {
  it('cuts to the limit without splitting a character', () => {
    expect(clip('abc', 5)).toBe('abc');
    expect(clip('abcdef', 4)).toBe('abcd');
    expect(clip('ab😀', 3)).toBe('ab');
  });
});
