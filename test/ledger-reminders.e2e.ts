import { addDays, hubDay } from '@hub/contracts';
import { type RunningStack, repoRoot, type ServiceProcess, startServiceProcess } from '@hub/testkit';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { eventually, startTestHub } from './support/hub.ts';
import { type Caller, CommitmentDesk, foundAlliance, ok, people, signIn, sql } from './support/publishing.ts';

/**
 * The coordinator's ledger, part A: the traffic light of each item (the API's, at its
 * boundaries), reminders (督办) sent by the coordinator and answered by the partner, live in
 * the partner's inbox, decided by the coordinator, on an item's history; reminders on every red
 * item of a partner; automatic reminders sent once per item and occasion by two sweeping
 * replicas of the alliance; who may do what, and what bad input gets. One hub for the file.
 */

const port = 5000;
/** A second alliance process against the same database: another replica of the sweep. */
const replicaPort = 5008;

let hub: RunningStack;
let replica: ServiceProcess | null = null;
let coordinator: Caller;
let viewer: Caller;
let anonymous: Caller;
let police: CommitmentDesk;
let enforcement: CommitmentDesk;
let widening: CommitmentDesk;
let allianceId: string;
const clients: Client[] = [];

const today = () => hubDay(new Date());
const day = (days: number) => addDays(today(), days);

beforeAll(async () => {
  hub = await startTestHub(port, { env: { HUB_REMINDER_SWEEP_MS: '150' } });
  coordinator = await signIn(hub.gatewayUrl, people.coordinator);
  viewer = await signIn(hub.gatewayUrl, people.viewer);
  anonymous = await signIn(hub.gatewayUrl, null);
  police = new CommitmentDesk(await signIn(hub.gatewayUrl, people.policeEditor), 'TRAFFIC_POLICE');
  enforcement = new CommitmentDesk(await signIn(hub.gatewayUrl, people.enforcementEditor), 'TRAFFIC_POLICE');
  widening = new CommitmentDesk(await signIn(hub.gatewayUrl, people.wideningEditor), 'ENTERPRISE');
  allianceId = await foundAlliance(coordinator, '督办测试联盟', ['trafficPolice', 'lawEnforcement', 'widening']);
  ok(await setThresholds(coordinator, allianceId, { dueSoonDays: 3, staleDays: 30 }));
});

afterAll(async () => {
  await Promise.allSettled(clients.map((client) => client.dispose()));
  await replica?.stop();
  await hub?.stop();
});

// ── Helpers ──

async function outcome(caller: Caller, query: string, variables: Record<string, unknown>, field: string) {
  const response = await caller.request(query, variables);
  return {
    status: response.status,
    messages: (response.errors ?? []).map((error) => error.message),
    codes: (response.errors ?? []).map((error) => String(error.extensions?.code)),
    fields: (response.errors ?? []).map((error) => error.extensions?.field),
    item: response.data?.[field] ?? null,
    response,
  };
}

function setThresholds(caller: Caller, id: string, input: Record<string, unknown>) {
  return outcome(
    caller,
    'mutation($id: ID!, $input: LightThresholdsInput!) { setLightThresholds(allianceId: $id, input: $input) { id lightThresholds { dueSoonDays staleDays } } }',
    { id, input },
    'setLightThresholds',
  );
}

const reminderFields = /* GraphQL */ `
  id allianceId allianceName commitmentId partnerId partnerName kind trigger message replyBy sentAt sentBy status read version
  answer { explanation proposedDueDate answeredAt answeredBy }
  decision { accepted note decidedAt decidedBy }
  commitment { id ... on Commitment { title light } }
`;

function sendReminder(caller: Caller, input: Record<string, unknown>) {
  return outcome(
    caller,
    `mutation($input: ReminderInput!) { sendReminder(input: $input) { ${reminderFields} } }`,
    { input },
    'sendReminder',
  );
}

function sendToRed(caller: Caller, input: Record<string, unknown>) {
  return outcome(
    caller,
    `mutation($input: RedItemsReminderInput!) { sendRemindersToRedItems(input: $input) { ${reminderFields} } }`,
    { input },
    'sendRemindersToRedItems',
  );
}

function answer(caller: Caller, id: string, version: number, input: Record<string, unknown>) {
  return outcome(
    caller,
    `mutation($id: ID!, $version: Int!, $input: ReminderAnswerInput!) { answerReminder(id: $id, version: $version, input: $input) { ${reminderFields} } }`,
    { id, version, input },
    'answerReminder',
  );
}

function decide(caller: Caller, id: string, version: number, input: Record<string, unknown>) {
  return outcome(
    caller,
    `mutation($id: ID!, $version: Int!, $input: ReminderDecisionInput!) { decideReminder(id: $id, version: $version, input: $input) { ${reminderFields} } }`,
    { id, version, input },
    'decideReminder',
  );
}

function markRead(caller: Caller, id: string) {
  return outcome(caller, `mutation($id: ID!) { markReminderRead(id: $id) { ${reminderFields} } }`, { id }, 'markReminderRead');
}

function inbox(caller: Caller, first = 50) {
  return outcome(
    caller,
    `query($first: Int!) { reminderInbox(first: $first) { unreadCount liveCursor reminders { ${reminderFields} } } }`,
    { first },
    'reminderInbox',
  );
}

function itemView(caller: Caller, id: string) {
  return outcome(
    caller,
    `query($id: ID!) { commitment(id: $id) { id light lightReason reminderCount
       ... on Commitment { title dueDate history { actor at field oldValue newValue } }
       reminders { ${reminderFields} } } }`,
    { id },
    'commitment',
  );
}

async function lightsOf(caller: Caller, filter: Record<string, unknown>) {
  const response = await caller.request(
    `query($id: ID!, $filter: CoBuildingListFilter) { alliance(id: $id) { coBuildingList(filter: $filter, first: 1000) { totalCount edges { node { id light lightReason reminderCount } } } } }`,
    { id: allianceId, filter },
  );
  expect(response.errors).toBeUndefined();
  return response.data.alliance.coBuildingList.edges.map((edge: any) => edge.node);
}

/**
 * Waits until the alliance's index holds at least this version of an item (the partner's
 * subgraph answers with a new version at once; the index has it once the relay delivered it).
 */
async function untilIndexed(id: string, version: number) {
  await eventually(
    async () => {
      const [row] = await sql<{ version: number }>(hub.databaseUrls.alliance, 'select version from commitment_index where id = $1', [id]);
      return row !== undefined && row.version >= version;
    },
    15_000,
    25,
  );
}

/** Publishes an item of `desk`'s kind with these dates and progress; returns it as listed, with its light. */
async function publishItem(desk: CommitmentDesk, input: Record<string, unknown>, progress = 0, alliance = allianceId): Promise<any> {
  const item = await desk.publishNew(alliance, { category: 'SHARED_RESPONSIBILITY', ...input });
  let current = item;
  if (progress > 0) {
    current = ok(await desk.report(item.id, item.version, { percent: progress, text: `进度 ${progress}%` }));
  }
  await untilIndexed(item.id, current.version);
  return current;
}

/** Waits until the reminder sweep has judged these items since they last changed (their automatic reminders are sent). */
async function untilSwept(ids: string[]) {
  await eventually(
    async () => {
      const [row] = await sql<{ n: string }>(
        hub.databaseUrls.alliance,
        'select count(*) as n from commitment_index where id = any($1::uuid[]) and swept_on is not null',
        [ids],
      );
      return Number(row?.n) === ids.length;
    },
    15_000,
    50,
  );
}

interface Followed {
  events: any[];
  errors: string[];
  ended: boolean;
}

/** Follows a partner's reminders over the gateway's WebSocket as `token`'s user. */
function followReminders(token: string | undefined, partnerId: string, after: string | null): Followed {
  const client = createClient({
    url: hub.gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  });
  clients.push(client);
  const followed: Followed = { events: [], errors: [], ended: false };
  client.subscribe(
    {
      query: `subscription($partnerId: ID!, $after: String) { reminderChanged(partnerId: $partnerId, after: $after) {
        cursor action reminderId partnerId reminder { id status message commitment { id ... on Commitment { title } } } } }`,
      variables: { partnerId, after },
    },
    {
      next: (result) => {
        if (result.errors?.length) {
          followed.errors.push(...result.errors.map((error) => String(error.extensions?.code)));
        }
        if (result.data?.reminderChanged) {
          followed.events.push(result.data.reminderChanged);
        }
      },
      error: (error) => {
        followed.errors.push(
          ...(Array.isArray(error) ? error.map((e) => String(e.extensions?.code)) : [String((error as Error)?.message ?? error)]),
        );
        followed.ended = true;
      },
      complete: () => {
        followed.ended = true;
      },
    },
  );
  return followed;
}

// ── The traffic light ──

describe('the traffic light of each item, as the API gives it', () => {
  const items: Record<string, any> = {};

  beforeAll(async () => {
    const start = day(-20);
    const published = await Promise.all([
      publishItem(police, { title: '到期前第3天进度滞后', startDate: start, dueDate: day(3) }),
      publishItem(police, { title: '到期前第4天进度滞后', startDate: start, dueDate: day(4) }),
      publishItem(police, { title: '今天到期未完成', startDate: start, dueDate: day(0) }),
      publishItem(police, { title: '昨天到期', startDate: start, dueDate: day(-1) }),
      publishItem(police, { title: '无完成时限', startDate: start }),
      publishItem(police, { title: '到期前第3天已到百分之百', startDate: start, dueDate: day(3) }, 100),
      publishItem(enforcement, { title: '路政：按计划推进', startDate: start, dueDate: day(60) }, 40),
    ]);
    for (const item of published) {
      items[item.title] = item;
    }
    const done = await publishItem(police, { title: '已销项', startDate: start, dueDate: day(-5) });
    const completed = ok(await police.complete(done.id, done.version));
    const withdrawn = await publishItem(police, { title: '已撤回', startDate: start, dueDate: day(-5) });
    const gone = ok(await police.withdraw(withdrawn.id, withdrawn.version, '合并到其他事项'));
    items.已销项 = done;
    items.已撤回 = withdrawn;
    await untilIndexed(done.id, completed.version);
    await untilIndexed(withdrawn.id, gone.version);
  });

  it('is yellow exactly dueSoonDays before the due date when behind schedule, green a day earlier', async () => {
    const nodes = new Map((await lightsOf(coordinator, {})).map((node: any) => [node.id, node]));
    expect(nodes.get(items.到期前第3天进度滞后.id)).toMatchObject({ light: 'YELLOW', lightReason: 'DUE_SOON_BEHIND' });
    expect(nodes.get(items.到期前第4天进度滞后.id)).toMatchObject({ light: 'GREEN', lightReason: 'ON_TRACK' });
  });

  it('is yellow on the due day itself and red from the day after', async () => {
    const nodes = new Map((await lightsOf(coordinator, {})).map((node: any) => [node.id, node]));
    expect(nodes.get(items.今天到期未完成.id)).toMatchObject({ light: 'YELLOW', lightReason: 'DUE_SOON_BEHIND' });
    expect(nodes.get(items.昨天到期.id)).toMatchObject({ light: 'RED', lightReason: 'OVERDUE' });
  });

  it('is green for an item due soon but on schedule, for an item without a due date, and none for closed items', async () => {
    const nodes = new Map((await lightsOf(coordinator, {})).map((node: any) => [node.id, node]));
    expect(nodes.get(items.到期前第3天已到百分之百.id)).toMatchObject({ light: 'GREEN' });
    expect(nodes.get(items.无完成时限.id)).toMatchObject({ light: 'GREEN' });
    expect(nodes.get(items.已销项.id)).toMatchObject({ light: null, lightReason: null });
    expect(nodes.get(items.已撤回.id)).toMatchObject({ light: null, lightReason: null });
  });

  it('is the same for every reader, anonymous included, on the list and on the item', async () => {
    for (const caller of [anonymous, viewer, widening.caller]) {
      const node = (await lightsOf(caller, {})).find((candidate: any) => candidate.id === items.昨天到期.id);
      expect(node).toMatchObject({ light: 'RED', lightReason: 'OVERDUE' });
    }
    expect((await itemView(anonymous, items.今天到期未完成.id)).item).toMatchObject({ light: 'YELLOW' });
    // Read from the partner's own namespace, the alliance still adds the light.
    const own = await police.caller.request(`query($id: ID!) { trafficPolice { commitment(id: $id) { id title light lightReason } } }`, {
      id: items.昨天到期.id,
    });
    expect(own.data?.trafficPolice.commitment).toMatchObject({ light: 'RED', lightReason: 'OVERDUE' });
  });

  it('filters the list by light', async () => {
    const red = await lightsOf(coordinator, { light: ['RED'] });
    expect(red.map((node: any) => node.id)).toEqual([items.昨天到期.id]);
    const warned = await lightsOf(coordinator, { light: ['YELLOW', 'RED'] });
    expect(new Set(warned.map((node: any) => node.id))).toEqual(
      new Set([items.到期前第3天进度滞后.id, items.今天到期未完成.id, items.昨天到期.id]),
    );
    const green = await lightsOf(coordinator, { light: ['GREEN'], partnerId: [people.enforcementEditor.partnerId] });
    expect(green.map((node: any) => node.id)).toEqual([items['路政：按计划推进'].id]);
  });

  it('follows the alliance’s thresholds at once when the coordinator changes them', async () => {
    const wider = ok(await setThresholds(coordinator, allianceId, { dueSoonDays: 4, staleDays: 30 }));
    expect(wider.lightThresholds).toEqual({ dueSoonDays: 4, staleDays: 30 });
    const nodes = new Map((await lightsOf(coordinator, {})).map((node: any) => [node.id, node]));
    expect(nodes.get(items.到期前第4天进度滞后.id)).toMatchObject({ light: 'YELLOW', lightReason: 'DUE_SOON_BEHIND' });
    ok(await setThresholds(coordinator, allianceId, { dueSoonDays: 3, staleDays: 30 }));
    const back = new Map((await lightsOf(coordinator, {})).map((node: any) => [node.id, node]));
    expect(back.get(items.到期前第4天进度滞后.id)).toMatchObject({ light: 'GREEN' });
    const read = await coordinator.request('query($id: ID!) { alliance(id: $id) { lightThresholds { dueSoonDays staleDays } } }', {
      id: allianceId,
    });
    expect(read.data.alliance.lightThresholds).toEqual({ dueSoonDays: 3, staleDays: 30 });
  });

  it('turns yellow after staleDays without progress and red after twice as many (publication dated back in the partner’s database)', async () => {
    const quiet = await publishItem(police, { title: '长期未报进展', dueDate: day(200) });
    const touch = async (daysAgo: number, description: string) => {
      await sql(
        hub.databaseUrls['traffic-police']!,
        `update commitment set published_at = now() - make_interval(days => $2) where id = $1`,
        [quiet.id, daysAgo],
      );
      const current = ok(await police.read(quiet.id));
      const edited = ok(await police.update(quiet.id, current.version, { description }));
      await untilIndexed(quiet.id, edited.version);
    };
    await touch(29, '第29天');
    expect((await lightsOf(coordinator, {})).find((node: any) => node.id === quiet.id)).toMatchObject({ light: 'GREEN' });
    await touch(30, '第30天');
    expect((await lightsOf(coordinator, {})).find((node: any) => node.id === quiet.id)).toMatchObject({
      light: 'YELLOW',
      lightReason: 'NO_RECENT_PROGRESS',
    });
    await touch(60, '第60天');
    expect((await lightsOf(coordinator, {})).find((node: any) => node.id === quiet.id)).toMatchObject({
      light: 'RED',
      lightReason: 'LONG_NO_PROGRESS',
    });
    // Progress reported: green again.
    const current = ok(await police.read(quiet.id));
    const advanced = ok(await police.report(quiet.id, current.version, { percent: 10, text: '已恢复推进' }));
    await untilIndexed(quiet.id, advanced.version);
    expect((await lightsOf(coordinator, {})).find((node: any) => node.id === quiet.id)).toMatchObject({ light: 'GREEN' });
  });

  it('refuses thresholds out of range and callers other than the coordinator', async () => {
    for (const input of [
      { dueSoonDays: 0, staleDays: 30 },
      { dueSoonDays: 3, staleDays: 366 },
      { dueSoonDays: -1, staleDays: 30 },
    ]) {
      const refused = await setThresholds(coordinator, allianceId, input);
      expect(refused.codes).toEqual(['BAD_USER_INPUT']);
      expect(refused.response.errors?.[0]?.message).toMatch(/whole number of days from 1 to 365/);
    }
    expect((await setThresholds(coordinator, allianceId, { dueSoonDays: 1.5, staleDays: 30 })).codes[0]).toMatch(
      /BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/,
    );
    expect((await setThresholds(coordinator, '00000000-0000-4000-8000-000000000000', { dueSoonDays: 3, staleDays: 30 })).codes).toEqual([
      'NOT_FOUND',
    ]);
    expect((await setThresholds(coordinator, 'not-an-id', { dueSoonDays: 3, staleDays: 30 })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await setThresholds(police.caller, allianceId, { dueSoonDays: 9, staleDays: 9 })).codes).toEqual(['FORBIDDEN']);
    expect((await setThresholds(viewer, allianceId, { dueSoonDays: 9, staleDays: 9 })).codes).toEqual(['FORBIDDEN']);
    expect((await setThresholds(anonymous, allianceId, { dueSoonDays: 9, staleDays: 9 })).codes).toEqual(['UNAUTHENTICATED']);
    const unchanged = await coordinator.request('query($id: ID!) { alliance(id: $id) { lightThresholds { dueSoonDays staleDays } } }', {
      id: allianceId,
    });
    expect(unchanged.data.alliance.lightThresholds).toEqual({ dueSoonDays: 3, staleDays: 30 });
  });
});

// ── Reminders sent by hand ──

describe('a reminder from the coordinator, answered by the partner, decided by the coordinator', () => {
  let item: any;
  let followed: Followed;

  beforeAll(async () => {
    item = await publishItem(police, { title: '施工区联合巡查（督办用）', dueDate: day(90) }, 20);
    const start = ok(await inbox(police.caller));
    followed = followReminders(police.caller.token, people.policeEditor.partnerId, start.liveCursor);
  });

  it('reaches the partner’s editors live and in their inbox, unread, with the item and who sent it', async () => {
    const before = ok(await inbox(police.caller)).unreadCount;
    const sent = ok(await sendReminder(coordinator, { commitmentId: item.id, message: '请于本周内报告巡查进展', replyBy: day(5) }));
    expect(sent).toMatchObject({
      trigger: 'MANUAL',
      status: 'OPEN',
      message: '请于本周内报告巡查进展',
      replyBy: day(5),
      sentBy: people.coordinator.name,
      partnerId: people.policeEditor.partnerId,
      partnerName: '省高速交警支队宁海大队',
      allianceName: '督办测试联盟',
      read: false,
      answer: null,
      decision: null,
      commitment: { id: item.id, title: '施工区联合巡查（督办用）' },
    });
    const event = await eventually(() => Promise.resolve(followed.events.find((e) => e.reminderId === sent.id && e.action === 'SENT')));
    expect(event.reminder).toMatchObject({
      status: 'OPEN',
      message: '请于本周内报告巡查进展',
      commitment: { title: '施工区联合巡查（督办用）' },
    });
    const box = ok(await inbox(police.caller));
    expect(box.unreadCount).toBe(before + 1);
    expect(box.reminders[0]).toMatchObject({ id: sent.id, read: false });
  });

  it('is answered by the partner (explanation and a new due date), then accepted; each step live and on the item', async () => {
    const [reminder] = ok(await inbox(police.caller)).reminders.filter((r: any) => r.commitmentId === item.id);
    const read = ok(await markRead(police.caller, reminder.id));
    expect(read.read).toBe(true);
    expect(ok(await markRead(police.caller, reminder.id)).version).toBe(read.version);
    const answered = ok(
      await answer(police.caller, reminder.id, read.version, { explanation: '受雨季影响，巡查推迟一周', proposedDueDate: day(120) }),
    );
    expect(answered).toMatchObject({
      status: 'ANSWERED',
      answer: { explanation: '受雨季影响，巡查推迟一周', proposedDueDate: day(120), answeredBy: people.policeEditor.name },
    });
    await eventually(() => Promise.resolve(followed.events.some((e) => e.reminderId === reminder.id && e.action === 'ANSWERED')));
    const waiting = ok(await inbox(coordinator));
    expect(waiting.reminders.map((r: any) => r.id)).toContain(reminder.id);
    const accepted = ok(await decide(coordinator, reminder.id, answered.version, { accept: true, note: '同意延期' }));
    expect(accepted).toMatchObject({
      status: 'ACCEPTED',
      read: false,
      decision: { accepted: true, note: '同意延期', decidedBy: people.coordinator.name },
    });
    await eventually(() => Promise.resolve(followed.events.some((e) => e.reminderId === reminder.id && e.action === 'ACCEPTED')));
    expect(ok(await inbox(coordinator)).reminders.map((r: any) => r.id)).not.toContain(reminder.id);
    expect(followed.errors).toEqual([]);
  });

  it('is rejected with a reason, which the partner sees', async () => {
    const sent = ok(await sendReminder(coordinator, { commitmentId: item.id, message: '请补充佐证材料', replyBy: day(0) }));
    const answered = ok(await answer(police.caller, sent.id, sent.version, { explanation: '材料整理中' }));
    expect((await decide(coordinator, sent.id, answered.version, { accept: false })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await decide(coordinator, sent.id, answered.version, { accept: false, note: '  ' })).fields).toEqual(['note']);
    const rejected = ok(await decide(coordinator, sent.id, answered.version, { accept: false, note: '请附巡查照片和台账' }));
    expect(rejected).toMatchObject({ status: 'REJECTED', decision: { accepted: false, note: '请附巡查照片和台账' } });
    const mine = ok(await inbox(police.caller)).reminders.find((r: any) => r.id === sent.id);
    expect(mine).toMatchObject({ status: 'REJECTED', read: false, decision: { note: '请附巡查照片和台账' } });
    // Final: neither answered nor decided again.
    expect((await answer(police.caller, sent.id, rejected.version, { explanation: '再答' })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await decide(coordinator, sent.id, rejected.version, { accept: true })).codes).toEqual(['BAD_USER_INPUT']);
  });

  it('shows the coordinator the item’s full history: the partner’s changes (old and new values) and the reminders with answers and decisions', async () => {
    const current = ok(await police.read(item.id));
    const moved = ok(await police.update(item.id, current.version, { dueDate: day(120) }));
    await untilIndexed(item.id, moved.version);
    const view = ok(await itemView(coordinator, item.id));
    expect(view.reminderCount).toBe(2);
    expect(view.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'status', oldValue: 'DRAFT', newValue: 'PUBLISHED', actor: people.policeEditor.name }),
        expect.objectContaining({ field: 'progress', oldValue: '0', newValue: '20' }),
        expect.objectContaining({ field: 'dueDate', oldValue: day(90), newValue: day(120) }),
      ]),
    );
    expect(view.reminders.map((r: any) => [r.status, r.answer?.explanation, r.decision?.accepted])).toEqual([
      ['ACCEPTED', '受雨季影响，巡查推迟一周', true],
      ['REJECTED', '材料整理中', false],
    ]);
    // The partner's own editors see the same; the joint list counts the reminders.
    expect(ok(await itemView(police.caller, item.id)).reminders).toHaveLength(2);
    expect((await lightsOf(coordinator, {})).find((node: any) => node.id === item.id)?.reminderCount).toBe(2);
  });

  it('is refused to answer with a stale version (CONFLICT) and twice (BAD_USER_INPUT)', async () => {
    const sent = ok(await sendReminder(coordinator, { commitmentId: item.id, message: '版本测试', replyBy: day(3) }));
    expect((await answer(police.caller, sent.id, sent.version + 1, { explanation: '旧版本' })).codes).toEqual(['CONFLICT']);
    const answered = ok(await answer(police.caller, sent.id, sent.version, { explanation: '已处理' }));
    expect((await answer(police.caller, sent.id, answered.version, { explanation: '再答一次' })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await decide(coordinator, sent.id, sent.version, { accept: true })).codes).toEqual(['CONFLICT']);
  });
});

// ── Reminders on every red item of a partner ──

describe('reminders on all red items of a partner', () => {
  it('sends one reminder per red item of that partner in that alliance, none elsewhere', async () => {
    const red1 = await publishItem(enforcement, { title: '路政：逾期一', dueDate: day(-3) });
    const red2 = await publishItem(enforcement, { title: '路政：逾期二', dueDate: day(-10) });
    const green = await publishItem(enforcement, { title: '路政：未到期', dueDate: day(100) });
    const policeRed = (await lightsOf(coordinator, { light: ['RED'], partnerId: [people.policeEditor.partnerId] })).map((n: any) => n.id);
    // Their automatic reminders (red: TURNED_RED) are out before counting.
    await untilSwept([red1.id, red2.id, green.id, ...policeRed]);
    const before = new Map((await lightsOf(coordinator, {})).map((node: any) => [node.id, node.reminderCount]));
    const sent = ok(
      await sendToRed(coordinator, {
        allianceId,
        partnerId: people.enforcementEditor.partnerId,
        message: '红灯事项请限期整改',
        replyBy: day(7),
      }),
    );
    expect(sent.map((r: any) => r.commitmentId).sort()).toEqual([red1.id, red2.id].sort());
    expect(sent.every((r: any) => r.trigger === 'MANUAL' && r.message === '红灯事项请限期整改')).toBe(true);
    const after = new Map((await lightsOf(coordinator, {})).map((node: any) => [node.id, node.reminderCount]));
    expect(after.get(red1.id)).toBe((before.get(red1.id) as number) + 1);
    expect(after.get(red2.id)).toBe((before.get(red2.id) as number) + 1);
    expect(after.get(green.id)).toBe(before.get(green.id));
    for (const id of policeRed) {
      expect(after.get(id)).toBe(before.get(id));
    }
  });

  it('sends none when the partner has no red item, and refuses a partner that is not a member or an unknown alliance', async () => {
    expect(
      ok(await sendToRed(coordinator, { allianceId, partnerId: people.wideningEditor.partnerId, message: '无红灯', replyBy: day(1) })),
    ).toEqual([]);
    const outsider = await sendToRed(coordinator, {
      allianceId,
      partnerId: people.ninghaiEditor.partnerId,
      message: '非成员',
      replyBy: day(1),
    });
    expect(outsider.codes).toEqual(['BAD_USER_INPUT']);
    expect(outsider.fields).toEqual(['partnerId']);
    expect(
      (
        await sendToRed(coordinator, {
          allianceId: '00000000-0000-4000-8000-000000000000',
          partnerId: people.wideningEditor.partnerId,
          message: '无此联盟',
          replyBy: day(1),
        })
      ).codes,
    ).toEqual(['NOT_FOUND']);
  });
});

// ── Who may do what ──

describe('authorization of reminders', () => {
  let reminder: any;
  let item: any;

  beforeAll(async () => {
    item = await publishItem(police, { title: '授权测试事项', dueDate: day(80) });
    reminder = ok(await sendReminder(coordinator, { commitmentId: item.id, message: '授权测试', replyBy: day(2) }));
  });

  it('lets only the coordinator send and decide', async () => {
    for (const caller of [police.caller, widening.caller, viewer]) {
      expect((await sendReminder(caller, { commitmentId: item.id, message: 'x', replyBy: day(1) })).codes).toEqual(['FORBIDDEN']);
      expect(
        (await sendToRed(caller, { allianceId, partnerId: people.policeEditor.partnerId, message: 'x', replyBy: day(1) })).codes,
      ).toEqual(['FORBIDDEN']);
      expect((await decide(caller, reminder.id, reminder.version, { accept: true })).codes).toEqual(['FORBIDDEN']);
    }
    expect((await sendReminder(anonymous, { commitmentId: item.id, message: 'x', replyBy: day(1) })).codes).toEqual(['UNAUTHENTICATED']);
    expect((await decide(anonymous, reminder.id, reminder.version, { accept: true })).codes).toEqual(['UNAUTHENTICATED']);
  });

  it('lets only the reminded partner’s editors answer and mark read: not another partner of the same kind, not the coordinator', async () => {
    for (const caller of [enforcement.caller, widening.caller, coordinator, viewer]) {
      expect((await answer(caller, reminder.id, reminder.version, { explanation: '冒名' })).codes).toEqual(['FORBIDDEN']);
      expect((await markRead(caller, reminder.id)).codes).toEqual(['FORBIDDEN']);
    }
    expect((await answer(anonymous, reminder.id, reminder.version, { explanation: '匿名' })).codes).toEqual(['UNAUTHENTICATED']);
    expect(ok(await itemView(coordinator, item.id)).reminders.find((r: any) => r.id === reminder.id).status).toBe('OPEN');
  });

  it('shows reminders only to the coordinator and the partner’s own editors; counts are null for the others', async () => {
    for (const [caller, code] of [
      [anonymous, 'UNAUTHENTICATED'],
      [viewer, 'FORBIDDEN'],
      [widening.caller, 'FORBIDDEN'],
      [enforcement.caller, 'FORBIDDEN'],
    ] as const) {
      const view = await itemView(caller, item.id);
      expect(view.codes).toEqual([code]);
      expect(view.item).toMatchObject({ id: item.id, reminderCount: null, reminders: null });
      expect((await inbox(caller)).codes).toEqual(caller === anonymous ? ['UNAUTHENTICATED'] : caller === viewer ? ['FORBIDDEN'] : []);
    }
    expect(ok(await inbox(widening.caller)).reminders.map((r: any) => r.id)).not.toContain(reminder.id);
    const forOthers = await lightsOf(widening.caller, {});
    expect(forOthers.find((node: any) => node.id === item.id)?.reminderCount).toBeNull();
    const listReminders = await widening.caller.request('query($p: ID) { reminders(partnerId: $p) { id } }', {
      p: people.policeEditor.partnerId,
    });
    expect(listReminders.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const own = await police.caller.request('{ reminders { id partnerId } }');
    expect(own.data.reminders.every((r: any) => r.partnerId === people.policeEditor.partnerId)).toBe(true);
    expect(own.data.reminders.map((r: any) => r.id)).toContain(reminder.id);
  });

  it('lets only the coordinator and the partner’s editors follow its reminders live', async () => {
    const partnerId = people.policeEditor.partnerId;
    const refusals = [
      followReminders(undefined, partnerId, null),
      followReminders(viewer.token, partnerId, null),
      followReminders(widening.caller.token, partnerId, null),
      followReminders(enforcement.caller.token, partnerId, null),
    ];
    await eventually(() => Promise.resolve(refusals.every((f) => f.ended)));
    expect(refusals.map((f) => f.errors)).toEqual([['UNAUTHENTICATED'], ['FORBIDDEN'], ['FORBIDDEN'], ['FORBIDDEN']]);
    const box = ok(await inbox(coordinator));
    const watching = followReminders(coordinator.token, partnerId, box.liveCursor);
    const sent = ok(await sendReminder(coordinator, { commitmentId: item.id, message: '牵头单位可实时跟踪', replyBy: day(2) }));
    await eventually(() => Promise.resolve(watching.events.some((e) => e.reminderId === sent.id)));
    expect(refusals.every((f) => f.events.length === 0)).toBe(true);
  });
});

// ── Bad input ──

describe('bad input to reminders', () => {
  let item: any;
  let reminder: any;

  beforeAll(async () => {
    item = await publishItem(widening, { title: '输入校验事项', dueDate: day(50) });
    reminder = ok(await sendReminder(coordinator, { commitmentId: item.id, message: '输入校验', replyBy: day(1) }));
  });

  it('refuses bad messages and reply-by dates with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const count = async () => ok(await itemView(coordinator, item.id)).reminderCount;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ message: '', replyBy: day(1) }, 'message'],
      [{ message: '   ', replyBy: day(1) }, 'message'],
      [{ message: '督'.repeat(2001), replyBy: day(1) }, 'message'],
      [{ message: 'a\u0000b', replyBy: day(1) }, 'message'],
      [{ message: '过去', replyBy: day(-1) }, 'replyBy'],
    ];
    for (const [input, field] of cases) {
      const refused = await sendReminder(coordinator, { commitmentId: item.id, ...input });
      expect(refused.codes, JSON.stringify(input).slice(0, 60)).toEqual(['BAD_USER_INPUT']);
      expect(refused.fields).toEqual([field]);
    }
    for (const replyBy of ['2026-02-30', 'tomorrow', '']) {
      expect((await sendReminder(coordinator, { commitmentId: item.id, message: 'x', replyBy })).codes[0]).toMatch(
        /BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/,
      );
    }
    expect(await count()).toBe(before);
    expect(
      ok(await sendReminder(coordinator, { commitmentId: item.id, message: '督'.repeat(2000), replyBy: day(0) })).message,
    ).toHaveLength(2000);
  });

  it('refuses unknown, malformed and closed items', async () => {
    expect((await sendReminder(coordinator, { commitmentId: 'x', message: 'x', replyBy: day(1) })).codes).toEqual(['BAD_USER_INPUT']);
    expect(
      (await sendReminder(coordinator, { commitmentId: '00000000-0000-4000-8000-000000000000', message: 'x', replyBy: day(1) })).codes,
    ).toEqual(['NOT_FOUND']);
    const closed = await publishItem(widening, { title: '已销项不督办', dueDate: day(50) });
    const completed = ok(await widening.complete(closed.id, closed.version));
    await untilIndexed(closed.id, completed.version);
    expect((await sendReminder(coordinator, { commitmentId: closed.id, message: 'x', replyBy: day(1) })).codes).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses bad answers and decisions', async () => {
    for (const input of [{ explanation: '' }, { explanation: '说'.repeat(2001) }, { explanation: 'ok', proposedDueDate: day(-2) }]) {
      expect((await answer(widening.caller, reminder.id, reminder.version, input)).codes).toEqual(['BAD_USER_INPUT']);
    }
    expect((await answer(widening.caller, 'nope', 1, { explanation: 'x' })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await answer(widening.caller, '00000000-0000-4000-8000-000000000000', 1, { explanation: 'x' })).codes).toEqual(['NOT_FOUND']);
    expect((await decide(coordinator, reminder.id, reminder.version, { accept: true })).codes).toEqual(['BAD_USER_INPUT']);
    const answered = ok(await answer(widening.caller, reminder.id, reminder.version, { explanation: '正常回复' }));
    expect((await decide(coordinator, answered.id, answered.version, { accept: true, note: '注'.repeat(2001) })).codes).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('refuses bad pages, filters and cursors', async () => {
    expect((await inbox(coordinator, 0)).codes).toEqual(['BAD_USER_INPUT']);
    expect((await inbox(coordinator, 201)).codes).toEqual(['BAD_USER_INPUT']);
    const badFilter = await coordinator.request('{ reminders(allianceId: "nope") { id } }');
    expect(badFilter.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const garbage = followReminders(widening.caller.token, people.wideningEditor.partnerId, 'abc');
    const future = followReminders(widening.caller.token, people.wideningEditor.partnerId, '999999999999');
    const notAnId = followReminders(coordinator.token, 'nope', null);
    await eventually(() => Promise.resolve(garbage.ended && future.ended && notAnId.ended));
    expect([garbage.errors, future.errors, notAnId.errors]).toEqual([['BAD_USER_INPUT'], ['CURSOR_EXPIRED'], ['BAD_USER_INPUT']]);
  });
});

// ── Automatic reminders ──

describe('automatic reminders, once per item and occasion, with two replicas sweeping', () => {
  let sweepAlliance: string;
  const dueSoon: any[] = [];
  const overdue: any[] = [];
  const later: any[] = [];

  /** Automatic reminders of the alliance per item and key, as stored, and the SENT events announcing them. */
  async function automatic() {
    const rows = await sql<{ commitment_id: string; auto_key: string; n: string }>(
      hub.databaseUrls.alliance,
      `select commitment_id, auto_key, count(*) as n from reminder where alliance_id = $1 and trigger <> 'MANUAL' group by 1, 2`,
      [sweepAlliance],
    );
    const [events] = await sql<{ n: string }>(
      hub.databaseUrls.alliance,
      `select count(*) as n from alliance_event e join reminder r on r.id = e.entity_id
       where e.topic = 'reminder' and e.action = 'SENT' and r.alliance_id = $1 and r.trigger <> 'MANUAL'`,
      [sweepAlliance],
    );
    return { rows, events: Number(events?.n) };
  }

  beforeAll(async () => {
    replica = await startServiceProcess({
      name: 'alliance-replica',
      entry: 'services/alliance/src/index.ts',
      cwd: repoRoot,
      port: replicaPort,
      env: { PORT: String(replicaPort), DATABASE_URL: hub.databaseUrls.alliance, HUB_REMINDER_SWEEP_MS: '40', HUB_SEED: '' },
      log: () => {},
    });
    sweepAlliance = await foundAlliance(coordinator, '自动督办测试联盟', ['widening']);
    ok(await setThresholds(coordinator, sweepAlliance, { dueSoonDays: 5, staleDays: 30 }));
    const publish = (title: string, dueDate: string) =>
      widening.publishNew(sweepAlliance, { title, category: 'WORK_LINKAGE', startDate: day(-30), dueDate });
    for (let i = 0; i < 12; i += 1) {
      dueSoon.push(await publish(`五天内到期 ${i}`, day(i % 6)));
      overdue.push(await publish(`已逾期 ${i}`, day(-1 - i)));
      later.push(await publish(`远期 ${i}`, day(40 + i)));
    }
  });

  it('sends DUE_SOON within dueSoonDays of the due date and TURNED_RED for red items, each once', async () => {
    const expected = dueSoon.length + overdue.length;
    await eventually(async () => (await automatic()).rows.length === expected, 30_000, 100);
    const { rows, events } = await automatic();
    expect(rows.every((row) => Number(row.n) === 1)).toBe(true);
    expect(new Set(rows.filter((row) => row.auto_key.startsWith('DUE_SOON:')).map((row) => row.commitment_id))).toEqual(
      new Set(dueSoon.map((item) => item.id)),
    );
    expect(new Set(rows.filter((row) => row.auto_key.startsWith('TURNED_RED:')).map((row) => row.commitment_id))).toEqual(
      new Set(overdue.map((item) => item.id)),
    );
    expect(events).toBe(expected);
    // The partner sees them, sent by the hub (no sender), with a message naming the item.
    const mine = ok(await inbox(widening.caller, 200)).reminders.filter((r: any) => r.allianceId === sweepAlliance);
    expect(mine).toHaveLength(expected);
    expect(mine.every((r: any) => r.sentBy === null && r.trigger !== 'MANUAL' && r.message.includes(r.commitment.title))).toBe(true);
  });

  it('sends nothing again when both replicas judge every item again and again', async () => {
    const before = await automatic();
    for (let round = 0; round < 8; round += 1) {
      // As after a change of every item: each is judged anew by whichever replica comes first.
      await sql(hub.databaseUrls.alliance, 'update commitment_index set swept_on = null where alliance_id = $1', [sweepAlliance]);
      await eventually(
        async () => {
          const [left] = await sql<{ n: string }>(
            hub.databaseUrls.alliance,
            `select count(*) as n from commitment_index where alliance_id = $1 and swept_on is null and status in ('PUBLISHED', 'IN_PROGRESS')`,
            [sweepAlliance],
          );
          return Number(left?.n) === 0;
        },
        15_000,
        20,
      );
    }
    const after = await automatic();
    expect(after.rows.every((row) => Number(row.n) === 1)).toBe(true);
    expect(after.rows.length).toBe(before.rows.length);
    expect(after.events).toBe(before.events);
  });

  it('sends a new due-soon reminder for a new due date, and none for an item that changes but keeps it', async () => {
    const moved = dueSoon[0];
    const current = ok(await widening.read(moved.id));
    const updated = ok(await widening.update(moved.id, current.version, { dueDate: day(4), description: '时限调整' }));
    const kept = dueSoon[1];
    const keptCurrent = ok(await widening.read(kept.id));
    const reported = ok(await widening.report(kept.id, keptCurrent.version, { percent: 50, text: '过半' }));
    await untilIndexed(kept.id, reported.version);
    await eventually(
      async () => (await automatic()).rows.some((row) => row.commitment_id === moved.id && row.auto_key === `DUE_SOON:${updated.dueDate}`),
      20_000,
      100,
    );
    await untilSwept([kept.id]);
    const { rows } = await automatic();
    expect(
      rows
        .filter((row) => row.commitment_id === moved.id)
        .map((row) => row.auto_key)
        .sort(),
    ).toEqual([`DUE_SOON:${day(0)}`, `DUE_SOON:${day(4)}`].sort());
    expect(rows.filter((row) => row.commitment_id === kept.id)).toHaveLength(1);
    expect(rows.every((row) => Number(row.n) === 1)).toBe(true);
  });

  it('counts automatic reminders in the item’s reminder count and history', async () => {
    const item = overdue[0];
    const view = ok(await itemView(coordinator, item.id));
    expect(view.reminderCount).toBe(1);
    expect(view.reminders).toEqual([expect.objectContaining({ trigger: 'TURNED_RED', status: 'OPEN', sentBy: null })]);
    expect(view.light).toBe('RED');
  });
});
