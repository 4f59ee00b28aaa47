import { describe, expect, it } from 'vitest';
import {
  addDays,
  automaticReminders,
  daysBetween,
  defaultLightThresholds,
  hubDay,
  type LightInput,
  type LightThresholds,
  trafficLight,
} from './traffic-light.ts';

/** Noon in Shanghai on 2026-06-15 (04:00 UTC). */
const noon = new Date('2026-06-15T12:00:00+08:00');
const thresholds: LightThresholds = { dueSoonDays: 7, staleDays: 10 };

/** An open item, fresh and with a long way to go, unless told otherwise. */
function item(overrides: Partial<LightInput> = {}): LightInput {
  return {
    status: 'IN_PROGRESS',
    progress: 50,
    startDate: '2026-01-01',
    dueDate: '2026-12-31',
    publishedAt: '2026-01-01T02:00:00Z',
    lastProgressAt: '2026-06-14T02:00:00Z',
    ...overrides,
  };
}

const light = (overrides: Partial<LightInput>, at = noon, limits = thresholds) => trafficLight(item(overrides), limits, at);

describe('calendar days in the hub’s zone', () => {
  it('puts an instant on its Shanghai day, not its UTC day', () => {
    expect(hubDay(new Date('2026-06-14T15:59:59Z'))).toBe('2026-06-14');
    expect(hubDay(new Date('2026-06-14T16:00:00Z'))).toBe('2026-06-15');
    expect(hubDay('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
  });

  it('counts whole days across months, leap days and years', () => {
    expect(daysBetween('2026-06-15', '2026-06-15')).toBe(0);
    expect(daysBetween('2026-06-15', '2026-06-14')).toBe(-1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(() => daysBetween('2026-6-1', '2026-06-15')).toThrow(RangeError);
  });
});

describe('the traffic light', () => {
  it('is green for an open item on schedule with recent progress', () => {
    expect(light({})).toEqual({ light: 'GREEN', reason: 'ON_TRACK' });
    expect(light({ status: 'PUBLISHED', progress: 0, lastProgressAt: null, publishedAt: '2026-06-10T00:00:00Z' })?.light).toBe('GREEN');
  });

  it('has no light for drafts, completed and withdrawn items, however late', () => {
    for (const status of ['DRAFT', 'COMPLETED', 'WITHDRAWN']) {
      expect(light({ status, dueDate: '2020-01-01', lastProgressAt: '2019-01-01T00:00:00Z' })).toBeNull();
    }
  });

  it('turns red the day after the due date, not on it (days in Shanghai)', () => {
    expect(light({ dueDate: '2026-06-15', progress: 100 })).toEqual({ light: 'GREEN', reason: 'ON_TRACK' });
    expect(light({ dueDate: '2026-06-14', progress: 100 })).toEqual({ light: 'RED', reason: 'OVERDUE' });
    // 23:59 on the due day in Shanghai is still on time; one minute later it is overdue.
    expect(light({ dueDate: '2026-06-15', progress: 100 }, new Date('2026-06-15T23:59:00+08:00'))?.light).toBe('GREEN');
    expect(light({ dueDate: '2026-06-15', progress: 100 }, new Date('2026-06-16T00:00:00+08:00'))?.reason).toBe('OVERDUE');
    // At 01:00 in Shanghai the UTC calendar still shows the day before: the hub's day counts.
    expect(light({ dueDate: '2026-06-15', progress: 100 }, new Date('2026-06-15T17:00:00Z'))?.reason).toBe('OVERDUE');
  });

  it('is yellow when due within dueSoonDays and behind schedule, green when due soon but on schedule', () => {
    // The term runs 2026-01-01 → due; by 06-15 about 96 % of a term ending 06-22 has elapsed.
    expect(light({ dueDate: '2026-06-22', progress: 50 })).toEqual({ light: 'YELLOW', reason: 'DUE_SOON_BEHIND' });
    expect(light({ dueDate: '2026-06-22', progress: 97 })).toEqual({ light: 'GREEN', reason: 'ON_TRACK' });
    // Exactly dueSoonDays away counts as due soon; one day more does not.
    expect(light({ dueDate: addDays('2026-06-15', 7), progress: 10 })?.light).toBe('YELLOW');
    expect(light({ dueDate: addDays('2026-06-15', 8), progress: 10 })?.light).toBe('GREEN');
    // Due today and not done.
    expect(light({ dueDate: '2026-06-15', progress: 99 })?.reason).toBe('DUE_SOON_BEHIND');
  });

  it('measures the schedule from the start date, else from publication, else wants 100 %', () => {
    // Started a week ago, due in a week: half the term elapsed.
    const halfway = { startDate: '2026-06-08', dueDate: '2026-06-22' };
    expect(light({ ...halfway, progress: 49 })?.light).toBe('YELLOW');
    expect(light({ ...halfway, progress: 50 })?.light).toBe('GREEN');
    expect(light({ ...halfway, startDate: null, publishedAt: '2026-06-08T01:00:00Z', progress: 50 })?.light).toBe('GREEN');
    expect(light({ ...halfway, startDate: null, publishedAt: null, lastProgressAt: '2026-06-14T00:00:00Z', progress: 99 })?.light).toBe(
      'YELLOW',
    );
    // A start on or after the due date leaves no term to measure.
    expect(light({ startDate: '2026-06-20', dueDate: '2026-06-20', progress: 99 })?.light).toBe('YELLOW');
    expect(light({ startDate: '2026-06-20', dueDate: '2026-06-20', progress: 100 })?.light).toBe('GREEN');
    // A start still ahead: nothing expected yet.
    expect(light({ startDate: '2026-06-18', dueDate: '2026-06-20', progress: 0 })?.light).toBe('GREEN');
  });

  it('is yellow after staleDays without progress and red after twice as many', () => {
    const at = (days: number) => `${addDays('2026-06-15', -days)}T10:00:00+08:00`;
    expect(light({ lastProgressAt: at(9) })?.light).toBe('GREEN');
    expect(light({ lastProgressAt: at(10) })).toEqual({ light: 'YELLOW', reason: 'NO_RECENT_PROGRESS' });
    expect(light({ lastProgressAt: at(19) })?.light).toBe('YELLOW');
    expect(light({ lastProgressAt: at(20) })).toEqual({ light: 'RED', reason: 'LONG_NO_PROGRESS' });
  });

  it('counts quiet days from publication when there was never any progress, and from nothing as fresh', () => {
    expect(light({ lastProgressAt: null, publishedAt: '2026-05-26T03:00:00+08:00' })?.reason).toBe('LONG_NO_PROGRESS');
    expect(light({ lastProgressAt: null, publishedAt: '2026-06-05T03:00:00+08:00' })?.reason).toBe('NO_RECENT_PROGRESS');
    expect(light({ lastProgressAt: null, publishedAt: null })?.light).toBe('GREEN');
  });

  it('counts quiet days in Shanghai days: progress at 23:30 in Shanghai is that day’s, though UTC says the day before', () => {
    const lastProgressAt = new Date('2026-06-05T23:30:00+08:00'); // 15:30 UTC on 06-05, Shanghai day 06-05
    expect(light({ lastProgressAt })?.reason).toBe('NO_RECENT_PROGRESS');
    const justAfterMidnight = new Date('2026-06-06T00:30:00+08:00'); // 16:30 UTC on 06-05, Shanghai day 06-06
    expect(light({ lastProgressAt: justAfterMidnight })?.light).toBe('GREEN');
  });

  it('gives overdue precedence over staleness, and red over yellow', () => {
    expect(light({ dueDate: '2026-06-01', lastProgressAt: '2026-01-01T00:00:00Z' })?.reason).toBe('OVERDUE');
    expect(light({ dueDate: '2026-06-20', progress: 0, lastProgressAt: '2026-04-01T00:00:00Z' })?.reason).toBe('LONG_NO_PROGRESS');
    expect(light({ dueDate: '2026-06-20', progress: 0, lastProgressAt: '2026-06-01T00:00:00Z' })?.reason).toBe('DUE_SOON_BEHIND');
  });

  it('needs no due date: an item without one is judged by its progress alone', () => {
    expect(light({ dueDate: null, progress: 0 })?.light).toBe('GREEN');
    expect(light({ dueDate: null, lastProgressAt: '2026-05-01T00:00:00Z' })?.reason).toBe('LONG_NO_PROGRESS');
  });

  it('follows the alliance’s thresholds', () => {
    const strict = { dueSoonDays: 30, staleDays: 1 };
    expect(light({ lastProgressAt: '2026-06-14T02:00:00Z' }, noon, strict)?.reason).toBe('NO_RECENT_PROGRESS');
    expect(light({ lastProgressAt: '2026-06-13T02:00:00Z' }, noon, strict)?.reason).toBe('LONG_NO_PROGRESS');
    expect(light({ dueDate: '2026-07-10', progress: 0 }, noon, strict)?.reason).toBe('DUE_SOON_BEHIND');
    expect(light({ dueDate: '2026-07-10', progress: 0, lastProgressAt: noon }, noon, strict)?.reason).toBe('DUE_SOON_BEHIND');
    expect(light({ dueDate: '2026-07-10', progress: 0, lastProgressAt: noon }, noon, defaultLightThresholds)?.light).toBe('GREEN');
  });
});

describe('automatic reminders', () => {
  it('calls for a due-soon reminder within dueSoonDays of the due date, whatever the progress', () => {
    expect(automaticReminders(item({ dueDate: '2026-06-22', progress: 97 }), thresholds, noon)).toEqual([
      { trigger: 'DUE_SOON', occasion: '2026-06-22' },
    ]);
    expect(automaticReminders(item({ dueDate: '2026-06-23' }), thresholds, noon)).toEqual([]);
  });

  it('calls for a red reminder when the light is red, once per due date', () => {
    expect(automaticReminders(item({ dueDate: '2026-06-14' }), thresholds, noon)).toEqual([
      { trigger: 'TURNED_RED', occasion: '2026-06-14' },
    ]);
    expect(automaticReminders(item({ dueDate: null, lastProgressAt: '2026-01-01T00:00:00Z' }), thresholds, noon)).toEqual([
      { trigger: 'TURNED_RED', occasion: 'none' },
    ]);
    expect(automaticReminders(item({ dueDate: '2026-06-15', lastProgressAt: '2026-01-01T00:00:00Z' }), thresholds, noon)).toEqual([
      { trigger: 'DUE_SOON', occasion: '2026-06-15' },
      { trigger: 'TURNED_RED', occasion: '2026-06-15' },
    ]);
  });

  it('calls for nothing on closed items', () => {
    expect(automaticReminders(item({ status: 'COMPLETED', dueDate: '2026-06-16' }), thresholds, noon)).toEqual([]);
    expect(automaticReminders(item({ status: 'WITHDRAWN', dueDate: '2026-01-01' }), thresholds, noon)).toEqual([]);
  });
});
