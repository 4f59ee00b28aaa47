import { addDays, hubDay } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { ensureWebBuilt } from '@hub/web/ensure-built';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, eventually, gql, startTestHub, tokenFor } from '../support/hub.ts';
import { people, sql, untilRelayed } from '../support/publishing.ts';
import { type OpenBrowser, openBrowser, screenshot } from './support/chromium.ts';
import { signInAs } from './support/sign-in.ts';

/**
 * The coordinator's ledger in Chromium: the traffic light on the tracking view (filtered by
 * light) and the wall; a reminder sent from the item's page arriving live in the partner
 * editor's inbox, answered there, accepted by the coordinator, and the item's full history.
 * The coordinator and the editor each have their own browser (a session lives in one profile).
 */

const port = Number(process.env.HUB_REMINDERS_BROWSER_PORT ?? 5300);
const origin = `http://127.0.0.1:${port}`;
const allianceId = demo.alliances.highway;
const desktop = { width: 1280, height: 720 };
const phone = { width: 390, height: 844 };

let stack: RunningStack;
let coordinatorBrowser: OpenBrowser;
let editorBrowser: OpenBrowser;

/**
 * Screenshots of a page at the desktop and the phone size, scrolled to `focus` when given; the
 * page must not scroll sideways on the phone.
 */
async function screenshots(page: Page, name: string, focus?: Locator): Promise<void> {
  for (const [size, label] of [
    [desktop, '1280x720'],
    [phone, '390x844'],
  ] as const) {
    await page.setViewportSize(size);
    await focus?.first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
    if (size === phone) {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    }
    await screenshot(page, `${name}-${label}`);
  }
  await page.setViewportSize(desktop);
}

/** The open items of the highway alliance's traffic police, with their lights, as the API gives them to the coordinator. */
async function policeItems(): Promise<{ id: string; title: string; light: string }[]> {
  const token = await tokenFor(people.coordinator);
  const response = await gql(
    `${origin}/graphql`,
    `query($id: ID!, $partner: ID!) { alliance(id: $id) { coBuildingList(first: 100, filter: { partnerId: [$partner], status: [PUBLISHED, IN_PROGRESS] }) {
       edges { node { id light ... on Commitment { title } } } } } }`,
    { id: allianceId, partner: demo.partners.trafficPolice },
    token,
  );
  return response.data.alliance.coBuildingList.edges.map((edge: any) => edge.node);
}

beforeAll(async () => {
  const webDist = await ensureWebBuilt();
  stack = await startTestHub(port, { databasePrefix: 'hub_browser_ledger_', webDist, env: { HUB_REMINDER_SWEEP_MS: '500' } });
  await untilRelayed(stack);
  // The seeded items are judged by the sweep (their automatic reminders sent) before the pages open.
  await eventually(
    async () => {
      const [row] = await sql<{ open: string; waiting: string }>(
        stack.databaseUrls.alliance,
        `select count(*) as open, count(*) filter (where swept_on is null) as waiting
         from commitment_index where status in ('PUBLISHED', 'IN_PROGRESS')`,
      );
      return Number(row?.open) > 0 && Number(row?.waiting) === 0;
    },
    30_000,
    100,
  );
  coordinatorBrowser = await openBrowser(origin);
  editorBrowser = await openBrowser(origin);
});

afterAll(async () => {
  await coordinatorBrowser?.close();
  await editorBrowser?.close();
  await stack?.stop();
});

describe('the traffic light in the web app', () => {
  it('shows each item’s light on the tracking view and filters by it', async () => {
    const page = await coordinatorBrowser.open('/', desktop);
    await signInAs(page, 'coordinator');
    await page.goto(`/alliances/${allianceId}/tracking`);
    const rows = page.locator('[data-testid="tracking-table"] tbody tr[data-commitment-id]');
    await rows.first().waitFor();
    expect(await page.locator('[data-testid="tracking-table"] .light').count()).toBeGreaterThan(0);
    await page.locator('.chips', { hasText: '灯色' }).getByRole('button', { name: '红灯' }).click();
    await page.waitForURL((url) => url.searchParams.get('light') === 'RED');
    await page.locator('[data-testid="tracking-count"]').waitFor();
    await eventually(async () => {
      const lights = await page
        .locator('[data-testid="tracking-table"] tbody tr[data-commitment-id] .light')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-light')));
      return lights.length > 0 && lights.every((light) => light === 'RED');
    });
    await screenshots(page, 'ledger-tracking-red', page.locator('[data-testid="tracking-count"]'));
    await screenshots(page, 'ledger-tracking-red-table', page.locator('[data-testid="tracking-table"]'));
    await page.close();
  });

  it('shows the lights on the wall', async () => {
    const wall = await coordinatorBrowser.open(`/wall/${allianceId}`, desktop);
    await wall.locator('[data-testid="joint-list"] li').first().waitFor();
    await wall.locator('[data-testid="joint-list"] .light--red').first().waitFor();
    expect(await wall.locator('[data-testid="joint-list"] .light').count()).toBeGreaterThan(0);
    await screenshots(wall, 'ledger-wall');
    await wall.close();
  });
});

describe('a reminder from the coordinator to a partner, in the web app', () => {
  it('goes from the item’s page to the editor’s inbox live, is answered, accepted, and stays in the item’s history', async () => {
    const item = (await policeItems()).find((candidate) => candidate.light !== 'RED') ?? (await policeItems())[0];
    expect(item).toBeDefined();
    const replyBy = addDays(hubDay(new Date()), 3);
    const proposed = addDays(hubDay(new Date()), 60);

    // The editor watches its inbox.
    const inbox = await editorBrowser.open('/', desktop);
    await signInAs(inbox, 'traffic-police-editor');
    await inbox.goto('/my/reminders');
    await inbox.locator('[data-testid="reminders"]').waitFor();
    await inbox.getByRole('heading', { name: '督办事项' }).waitFor();
    await inbox.waitForLoadState('networkidle');
    const unreadBefore = Number(
      (await inbox
        .locator('[data-testid="reminder-count"]')
        .textContent()
        .catch(() => '0')) || 0,
    );

    // The coordinator opens the item and, first, sends an empty reminder: refused on the page.
    const coordinator = await coordinatorBrowser.open('/', desktop);
    await signInAs(coordinator, 'coordinator');
    await coordinator.goto(`/alliances/${allianceId}/items/${item?.id}`);
    await coordinator.locator('[data-testid="item-title"]', { hasText: item?.title ?? '' }).waitFor();
    await coordinator.getByRole('button', { name: '发出督办' }).click();
    const messageField = coordinator.locator('.field', { has: coordinator.locator('textarea[name="message"]') });
    expect(await messageField.locator('.field__error').innerText()).toBe('此项为必填项');
    const message = '请于三日内报告施工区联勤巡查进展（浏览器测试）';
    await coordinator.locator('textarea[name="message"]').fill(message);
    await coordinator.locator('input[name="replyBy"]').fill(replyBy);
    await coordinator.getByRole('button', { name: '发出督办' }).click();
    await coordinator.getByText('督办已发出').waitFor();

    // It arrives in the inbox without a reload, unread, and the navigation counts it.
    const card = inbox.locator('.reminder', { hasText: message });
    await card.waitFor({ timeout: 15_000 });
    await card.getByText('未读').waitFor();
    await eventually(async () => Number(await inbox.locator('[data-testid="reminder-count"]').textContent()) === unreadBefore + 1);
    await screenshots(inbox, 'ledger-inbox-new');

    // The editor marks it read and answers, proposing a later due date.
    await card.getByRole('button', { name: '标为已读' }).click();
    await card.getByText('未读').waitFor({ state: 'detached' });
    await card.getByRole('button', { name: '回复督办' }).click();
    await card.getByRole('button', { name: '回复督办' }).click(); // the form's own submit: the explanation is missing
    expect(
      await card
        .locator('.field', { has: inbox.locator('textarea[name="explanation"]') })
        .locator('.field__error')
        .innerText(),
    ).toBe('此项为必填项');
    await card.locator('textarea[name="explanation"]').fill('受夜间施工调整影响，联勤巡查顺延，已重新排班。');
    await card.locator('input[name="proposedDueDate"]').fill(proposed);
    await card.getByRole('button', { name: '回复督办' }).click();
    await card.locator('.badge', { hasText: '已回复，待审核' }).waitFor();

    // The coordinator sees the answer on the item's page and accepts it.
    await coordinator.reload();
    const decision = coordinator.locator('form[aria-label="审核回复"]');
    await decision.waitFor();
    await decision.locator('textarea[name="note"]').fill('同意顺延，请按新时限推进。');
    await decision.getByRole('button', { name: '认可', exact: true }).click();
    await coordinator.locator('[data-testid="item-timeline"] [data-entry="decision"]').waitFor();
    const timeline = coordinator.locator('[data-testid="item-timeline"]');
    await timeline.locator('[data-entry="reminder"]', { hasText: message }).waitFor();
    await timeline.locator('[data-entry="answer"]', { hasText: '联勤巡查顺延' }).waitFor();
    expect(await timeline.locator('[data-entry="change"]').count()).toBeGreaterThan(0);
    await screenshots(coordinator, 'ledger-item-history');
    await screenshots(coordinator, 'ledger-item-timeline', timeline);

    // The editor sees the decision live, unread again, with what to do next.
    await card.locator('.badge', { hasText: '已认可' }).waitFor({ timeout: 15_000 });
    await card.getByText('未读').waitFor();
    await card.getByText('请修改事项的完成时限').waitFor();
    await screenshots(inbox, 'ledger-inbox-accepted');
    await Promise.all([coordinator.close(), inbox.close()]);
  });

  it('lists answers awaiting a decision for the coordinator, and reminds all red items of a partner from the tracking view', async () => {
    const page = await coordinatorBrowser.open('/', desktop);
    await signInAs(page, 'coordinator');
    await page.goto(`/alliances/${allianceId}/tracking?partner=${demo.partners.trafficPolice}`);
    await page.locator('summary', { hasText: '督办红灯事项' }).click();
    const form = page.locator('form[aria-label="督办红灯事项"]');
    await form.locator('textarea[name="message"]').fill('红灯事项请限期整改（浏览器测试）');
    await form.locator('input[name="replyBy"]').fill(addDays(hubDay(new Date()), 7));
    await form.getByRole('button', { name: '发出督办' }).click();
    await form.getByText(/已向 \d+ 项红灯事项发出督办|该单位目前没有红灯事项/).waitFor();
    const red = (await policeItems()).filter((candidate) => candidate.light === 'RED').length;
    if (red > 0) {
      await form.getByText(`已向 ${red} 项红灯事项发出督办`).waitFor();
    }
    await screenshots(page, 'ledger-tracking-tools', form);

    // The partner answers one of them (through the API); the coordinator decides on the answers page.
    const editorToken = await tokenFor(people.policeEditor);
    const mine = await gql(`${origin}/graphql`, '{ reminderInbox(first: 100) { reminders { id version status } } }', {}, editorToken);
    const open = mine.data.reminderInbox.reminders.find((reminder: any) => reminder.status === 'OPEN');
    const answered = await gql(
      `${origin}/graphql`,
      'mutation($id: ID!, $version: Int!) { answerReminder(id: $id, version: $version, input: { explanation: "已安排专人整改（浏览器测试）" }) { status } }',
      { id: open.id, version: open.version },
      editorToken,
    );
    expect(answered.data?.answerReminder.status).toBe('ANSWERED');
    await page.goto(`/alliances/${allianceId}/tracking`);
    const nav = page.locator('.app-nav').getByRole('link', { name: /督办/ });
    await nav.locator('[data-testid="reminder-count"]').waitFor();
    await nav.click();
    await page.getByRole('heading', { name: '督办回复' }).waitFor();
    const card = page.locator('.reminder', { hasText: '已安排专人整改' });
    await card.waitFor();
    await card.getByRole('button', { name: '不认可' }).click();
    expect(await card.locator('.field__error').innerText()).toBe('此项为必填项');
    await screenshots(page, 'ledger-review', card);
    await card.locator('textarea[name="note"]').fill('请附整改照片和台账');
    await card.getByRole('button', { name: '不认可' }).click();
    await card.waitFor({ state: 'detached' });
    await page.close();
  });
});
