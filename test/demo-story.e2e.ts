import { hubDay, stableId } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The alliance's own pruning, run on the hub's database (it runs hourly in the alliance).
import { openOrm } from '../packages/subgraph-kit/src/orm.ts';
import { allianceEntities } from '../services/alliance/src/entities.ts';
import { pruneOldEvents } from '../services/alliance/src/ingest.ts';
import { migrations } from '../services/alliance/src/migrations/index.ts';
import { demo, gql, startTestHub, tokenFor } from './support/hub.ts';
import { sql, untilRelayed } from './support/publishing.ts';

/**
 * The demo data tells a year that happened (issue 11): every seeded commitment has a dated trail
 * by named people of its partner, consistent with its dates and status; the feed dates each
 * change when the partner made it, not when the hub started; 棠园's list has the 7 items its
 * agreement promises; and every figure of the highway wall is non-trivial. Everything is read
 * through the gateway, right after a fresh start: nothing seeded may look as if it happened in
 * the last hour.
 */

let hub: RunningStack;
let url: string;
let viewer: string;
let startedAt: number;

const hour = 3_600_000;
const alliances = { highway: demo.alliances.highway, tangyuan: demo.alliances.tangyuan };
/** The seeded drafts (off the list, both the traffic police kind's), with their partner. */
const drafts = [
  { id: stableId('commitment/le-draft'), partnerId: demo.partners.lawEnforcement },
  { id: stableId('commitment/tp-traffic-guarantee'), partnerId: demo.partners.trafficPolice },
];

const trail = /* GraphQL */ `
  fragment Trail on Commitment {
    id title partnerId status progress startDate dueDate publishedAt completedAt updatedAt light lightReason
    history { actor at field oldValue newValue }
    progressReports { percent text reportedAt reportedBy }
  }
`;

async function read<T = any>(query: string, variables: Record<string, unknown> = {}, token = viewer): Promise<T> {
  const response = await gql<T>(url, query, variables, token);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

async function listOf(allianceId: string): Promise<{ totalCount: number; items: any[] }> {
  const data = await read(
    `query($id: ID!) { alliance(id: $id) { coBuildingList(first: 100) { totalCount edges { node { ...Trail } } } } } ${trail}`,
    { id: allianceId },
  );
  const list = data.alliance.coBuildingList;
  return { totalCount: list.totalCount, items: list.edges.map((edge: any) => edge.node) };
}

/** Every seeded commitment: both alliances' lists and, read by their own editors, the drafts. */
async function everySeededItem(): Promise<any[]> {
  const listed = [...(await listOf(alliances.highway)).items, ...(await listOf(alliances.tangyuan)).items];
  const unlisted = [];
  for (const draft of drafts) {
    const token = await tokenFor({ role: 'partner_editor', partnerId: draft.partnerId, name: '测试编辑' });
    const data = await read(`query($id: ID!) { trafficPolice { commitment(id: $id) { ...Trail } } } ${trail}`, { id: draft.id }, token);
    expect(data.trafficPolice.commitment?.status).toBe('DRAFT');
    unlisted.push(data.trafficPolice.commitment);
  }
  return [...listed, ...unlisted];
}

const time = (value: string) => new Date(value).getTime();

beforeAll(async () => {
  startedAt = Date.now();
  hub = await startTestHub(5740);
  url = hub.gatewayUrl;
  viewer = await tokenFor({ role: 'viewer' });
  await untilRelayed(hub);
});

afterAll(async () => {
  await hub?.stop();
});

describe('the seeded commitments', () => {
  it('each has a dated trail by named people of its partner, never "seed"', async () => {
    const items = await everySeededItem();
    expect(items.length).toBe(17 + 7 + drafts.length);
    for (const item of items) {
      expect(item.history.length, item.title).toBeGreaterThan(0);
      for (const change of item.history) {
        // A person's display name (`<organization> · <name>`), or the project that created the draft.
        if (change.field === 'created') {
          expect(change.actor).toBe('联建项目');
        } else {
          expect(change.actor, item.title).toMatch(/^\S.* · \p{Script=Han}{2,3}$/u);
        }
      }
      for (const report of item.progressReports) {
        expect(report.reportedBy, item.title).toMatch(/^\S.* · \p{Script=Han}{2,3}$/u);
      }
      // History in time order, starting with the draft.
      const times = item.history.map((change: any) => time(change.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(['status', 'created']).toContain(item.history[0].field);
    }
  });

  it('has nothing dated in the last hour: history, progress reports, publication, completion, last update', async () => {
    const recent = startedAt - hour;
    for (const item of await everySeededItem()) {
      const stamps = [
        item.updatedAt,
        item.publishedAt,
        item.completedAt,
        ...item.history.map((change: any) => change.at),
        ...item.progressReports.map((report: any) => report.reportedAt),
      ].filter(Boolean);
      for (const stamp of stamps) {
        expect(time(stamp), `${item.title}: ${stamp}`).toBeLessThan(recent);
      }
      // The last change is the item's last update (the rows of one write are a millisecond apart).
      const last = Math.max(...item.history.map((change: any) => time(change.at)));
      expect(last - time(item.updatedAt), item.title).toBeGreaterThanOrEqual(0);
      expect(last - time(item.updatedAt), item.title).toBeLessThan(1000);
    }
  });

  it('is consistent with its status and dates: completed on or before its due date, reports behind its progress, overdue really overdue', async () => {
    const today = hubDay(new Date());
    for (const item of await everySeededItem()) {
      const statusChanges = item.history.filter((change: any) => change.field === 'status');
      expect(statusChanges.at(-1)?.newValue ?? 'DRAFT', item.title).toBe(item.status);
      const reports = [...item.progressReports].sort((a: any, b: any) => time(a.reportedAt) - time(b.reportedAt));
      switch (item.status) {
        case 'COMPLETED':
          expect(item.completedAt, item.title).toBeTruthy();
          expect(hubDay(item.completedAt) <= today).toBe(true);
          expect(hubDay(item.completedAt) <= item.dueDate, `${item.title} completed ${item.completedAt}, due ${item.dueDate}`).toBe(true);
          expect(time(item.publishedAt)).toBeLessThan(time(item.completedAt));
          expect(item.progress).toBe(100);
          break;
        case 'IN_PROGRESS':
          expect(item.completedAt).toBeNull();
          expect(reports.length, item.title).toBeGreaterThan(0);
          expect(reports.at(-1).percent).toBe(item.progress);
          expect(time(reports[0].reportedAt)).toBeGreaterThan(time(item.publishedAt));
          break;
        case 'PUBLISHED':
          expect(item.completedAt).toBeNull();
          expect(reports).toEqual([]);
          expect(item.progress).toBe(0);
          break;
        default:
          expect(item.status).toBe('DRAFT');
          expect(item.publishedAt).toBeNull();
      }
      if (['PUBLISHED', 'IN_PROGRESS'].includes(item.status) && item.dueDate < today) {
        expect([item.light, item.lightReason], item.title).toEqual(['RED', 'OVERDUE']);
      }
    }
  });
});

describe('the 棠园 alliance', () => {
  it('lists the 7 items its description and agreement promise, all published and none withdrawn', async () => {
    const { totalCount, items } = await listOf(alliances.tangyuan);
    expect(totalCount).toBe(7);
    expect(items.every((item) => !['DRAFT', 'WITHDRAWN'].includes(item.status))).toBe(true);
    const data = await read(`query($id: ID!) { alliance(id: $id) { description agreement { terms } } }`, { id: alliances.tangyuan });
    expect(data.alliance.description).toContain('7项共建清单');
    expect(data.alliance.agreement.terms.join()).toContain('7 项共建清单');
  });
});

describe('the wall', () => {
  const wall = /* GraphQL */ `
    query($id: ID!, $from: DateTime!) {
      alliance(id: $id) {
        liveCursor
        stats { overall { total completed overdue completionRate averageProgress } stale staleDays }
        coBuildingList(first: 100) { edges { node { ... on Commitment { light } } } }
        activities(first: 50, from: $from) { title startsAt minutes attendance { attendees } }
        jointMeetings { title heldAt decisions }
      }
    }
  `;

  it('shows every figure non-zero on both alliances: items, completed, overdue, without progress for 30 days, every light, activities to come', async () => {
    const now = Date.now();
    for (const allianceId of Object.values(alliances)) {
      const { alliance } = await read(wall, { id: allianceId, from: new Date(now).toISOString() });
      const { overall, stale } = alliance.stats;
      expect(overall.total).toBeGreaterThan(0);
      expect(overall.completed).toBeGreaterThan(0);
      expect(overall.completed).toBeLessThan(overall.total);
      expect(overall.overdue).toBeGreaterThan(0);
      expect(overall.averageProgress).toBeGreaterThan(0);
      expect(stale).toBeGreaterThan(0);
      const lights = new Set(alliance.coBuildingList.edges.map((edge: any) => edge.node.light).filter(Boolean));
      expect([...lights].sort()).toEqual(['GREEN', 'RED', 'YELLOW']);
      expect(alliance.activities.filter((activity: any) => time(activity.startsAt) > now).length).toBeGreaterThan(0);
    }
  });

  it('has activities across the year: past ones with minutes and attendance, coming ones without; joint meetings dated', async () => {
    const now = Date.now();
    for (const allianceId of Object.values(alliances)) {
      const { alliance } = await read(wall, { id: allianceId, from: '2026-01-01T00:00:00Z' });
      const past = alliance.activities.filter((activity: any) => time(activity.startsAt) < now);
      const coming = alliance.activities.filter((activity: any) => time(activity.startsAt) > now);
      expect(past.length).toBeGreaterThan(0);
      expect(coming.length).toBeGreaterThan(0);
      for (const activity of past) {
        expect(activity.minutes, activity.title).toBeTruthy();
        expect(activity.attendance.reduce((sum: number, row: any) => sum + row.attendees, 0)).toBeGreaterThan(0);
      }
      for (const activity of coming) {
        expect(activity.minutes).toBeNull();
        expect(activity.attendance).toEqual([]);
      }
      const months = new Set(alliance.activities.map((activity: any) => hubDay(activity.startsAt).slice(0, 7)));
      expect(months.size).toBeGreaterThanOrEqual(3);
      expect(alliance.jointMeetings.length).toBeGreaterThanOrEqual(2);
      for (const meeting of alliance.jointMeetings) {
        // Held ones record their decisions; one to come has none yet.
        expect(Boolean(meeting.decisions), meeting.title).toBe(time(meeting.heldAt) < now);
      }
    }
  });

  /** Every change of the joint lists and the activities the feed holds, read by cursor as the gateway's live layer reads them. */
  async function feed(): Promise<{ newest: number; listChanges: any[]; activityChanges: any[] }> {
    const { alliance } = await read(wall, { id: alliances.highway, from: new Date().toISOString() });
    const newest = Number(alliance.liveCursor);
    const listChanges: any[] = [];
    const activityChanges: any[] = [];
    for (let first = 1; first <= newest; first += 14) {
      const cursors = Array.from({ length: Math.min(14, newest - first + 1) }, (_, i) => String(first + i));
      const query = `{ ${cursors
        .map(
          (cursor) =>
            `l${cursor}: coBuildingListChange(cursor: "${cursor}") { cursor action commitmentId occurredAt }
             a${cursor}: activityChange(cursor: "${cursor}") { cursor action activityId occurredAt activity { startsAt minutes } }`,
        )
        .join(' ')} }`;
      const data = await read(query);
      listChanges.push(...cursors.map((cursor) => data[`l${cursor}`]).filter(Boolean));
      activityChanges.push(...cursors.map((cursor) => data[`a${cursor}`]).filter(Boolean));
    }
    return { newest, listChanges, activityChanges };
  }

  it('feeds each seeded change at the moment its partner made it, with the action its status stands for', async () => {
    const items = new Map((await everySeededItem()).map((item) => [item.id, item]));
    const { listChanges, activityChanges } = await feed();
    expect(listChanges.length).toBe(17 + 7);
    const actionOf = { COMPLETED: 'COMPLETED', IN_PROGRESS: 'PROGRESS_REPORTED', PUBLISHED: 'PUBLISHED' } as Record<string, string>;
    for (const change of listChanges) {
      const item = items.get(change.commitmentId);
      expect(item, change.commitmentId).toBeDefined();
      expect(change.occurredAt, item.title).toBe(item.updatedAt);
      expect(time(change.occurredAt)).toBeLessThan(startedAt - hour);
      expect(change.action, item.title).toBe(actionOf[item.status]);
    }
    expect(activityChanges.length).toBeGreaterThan(0);
    for (const change of activityChanges) {
      expect(time(change.occurredAt)).toBeLessThan(startedAt - hour);
      // Announced before it starts; a past one last saved when its minutes were recorded.
      if (change.activity.minutes) {
        expect(time(change.occurredAt)).toBeGreaterThan(time(change.activity.startsAt));
      } else {
        expect(time(change.occurredAt)).toBeLessThan(time(change.activity.startsAt));
      }
    }
  });

  it('keeps every seeded change through the pruning of events that happened over 30 days ago, so no view must reload', async () => {
    const before = await feed();
    const { orm } = await openOrm({ databaseUrl: hub.databaseUrls.alliance!, entities: allianceEntities, migrations });
    try {
      await pruneOldEvents(orm);
    } finally {
      await orm.close(true);
    }
    const after = await feed();
    expect(after.listChanges).toEqual(before.listChanges);
    expect(after.activityChanges).toEqual(before.activityChanges);
    // Nothing was pruned, so a view resuming from any cursor it was given is served, not told to reload.
    const [retention] = await sql<{ pruned_through: string }>(
      hub.databaseUrls.alliance!,
      'select pruned_through::text from event_retention',
    );
    expect(retention?.pruned_through).toBe('0');
  });
});
