import { join } from 'node:path';
import { demo } from '@hub/contracts';
import { type RunningStack, repoRoot } from '@hub/testkit';
import { ensureWebBuilt } from '@hub/web/ensure-built';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startTestHub } from '../support/hub.ts';
import { CommitmentDesk, people, signIn } from '../support/publishing.ts';
import { type OpenBrowser, openBrowser, screenshot } from './support/chromium.ts';
import { signInAs } from './support/sign-in.ts';

/**
 * The wall's overview board (总览) in Chromium against a whole hub: the burn-up ending at the
 * KPI's completed count and following a completion live, every member ranked under its short
 * name (the full name on keyboard focus), the month's activities marked and the next listed,
 * one point per located member on the offline outline of its province; nothing of it cut off or
 * overlapping from 1280×720 to 3840×2160 and one column on a phone (screenshots in
 * .data/screenshots/wall-overview/); no serious axe-core finding in it.
 */

const port = 5720;
const origin = `http://127.0.0.1:${port}`;
const shotsDir = join(repoRoot, '.data/screenshots/wall-overview');
const overviewOf = (allianceId: string) => `/wall/${allianceId}?board=overview`;
const wallSizes = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
  { width: 3840, height: 2160 },
];
const phone = { width: 390, height: 844 };

interface Member {
  partnerId: string;
  name: string;
  partner: { shortName: string | null } | null;
  location: { longitude: number; latitude: number } | null;
}

let stack: RunningStack;
let browser: OpenBrowser;

/** What the API says of an alliance, to compare the board with. */
async function allianceFacts(allianceId: string) {
  const response = await gql(
    `${origin}/graphql`,
    `query($id: ID!, $from: DateTime!) { alliance(id: $id) {
      members { partnerId name partner { shortName } location { longitude latitude } }
      stats { overall { completed } }
      completionOverTime { week listed completed }
      activities(first: 500, from: $from) { id title startsAt }
    } }`,
    { id: allianceId, from: new Date(Date.now() - 400 * 86_400_000).toISOString() },
  );
  expect(response.errors).toBeUndefined();
  const alliance = response.data.alliance as {
    members: Member[];
    stats: { overall: { completed: number } };
    completionOverTime: { week: string; listed: number; completed: number }[];
    activities: { id: string; title: string; startsAt: string }[];
  };
  return { ...alliance, shortName: (member: Member) => member.partner?.shortName || member.name };
}

/** Opens the overview board and waits until its burn-up and map are drawn. */
async function openOverview(allianceId: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.open(overviewOf(allianceId), viewport);
  try {
    await page.locator('.overview-panel--burn-up .overview-chart').waitFor({ timeout: 60_000 });
    await page.locator('.overview-panel--map .overview-chart').waitFor({ timeout: 60_000 });
  } catch (error) {
    // Say what the page showed instead (a notice, a loading state), to tell a slow hub from a broken board.
    await screenshot(page, `failed-${allianceId}-${viewport.width}x${viewport.height}`, shotsDir);
    const shown = await page.evaluate(() => document.body.innerText.slice(0, 600));
    throw new Error(`${(error as Error).message}\nThe page showed: ${shown}`);
  }
  await page.waitForTimeout(1200); // let the charts' entrance animation end for a calm screenshot
  return page;
}

/** The board's panels' boxes, and every element inside one that sticks out of it or is cut off in it. */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const panels = [...document.querySelectorAll<HTMLElement>('.wall-overview > .overview-panel')];
    const boxes = panels.map((panel) => ({ name: panel.className, box: panel.getBoundingClientRect() }));
    const problems: string[] = [];
    for (const [index, { name, box }] of boxes.entries()) {
      for (const other of boxes.slice(index + 1)) {
        const o = other.box;
        if (box.left < o.right - 1 && o.left < box.right - 1 && box.top < o.bottom - 1 && o.top < box.bottom - 1) {
          problems.push(`${name} overlaps ${other.name}`);
        }
      }
      const panel = panels[index] as HTMLElement;
      for (const element of panel.querySelectorAll<HTMLElement>('*')) {
        const rect = element.getBoundingClientRect();
        const hidden = element.closest('.visually-hidden, [role="tooltip"]') !== null || rect.width === 0 || rect.height === 0;
        if (!hidden && (rect.left < box.left - 1 || rect.right > box.right + 1 || rect.top < box.top - 1 || rect.bottom > box.bottom + 1)) {
          problems.push(`${element.tagName.toLowerCase()}.${element.className} sticks out of ${name}`);
        }
      }
      // Headings and figures must be whole (long titles of activities are cut with an ellipsis on purpose).
      for (const element of panel.querySelectorAll<HTMLElement>(
        'h2, h3, .panel__meta, .ranking__rate, .ranking__figures, .calendar__month',
      )) {
        if (element.scrollWidth > element.clientWidth + 1) {
          problems.push(`${element.tagName.toLowerCase()}.${element.className} in ${name} is cut off`);
        }
      }
    }
    return {
      problems,
      boxes: boxes.map(({ box }) => ({ left: box.left, top: box.top, right: box.right, bottom: box.bottom, width: box.width })),
      page: { scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight },
    };
  });
}

beforeAll(async () => {
  const webDist = await ensureWebBuilt();
  stack = await startTestHub(port, { databasePrefix: 'hub_wall_overview_', webDist, env: { HUB_RATE_LIMIT_PER_MINUTE: '10000000' } });
  browser = await openBrowser(origin);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the wall’s overview board', () => {
  it('shows the highway alliance’s burn-up, ranking, calendar and map as the API has them', async () => {
    const facts = await allianceFacts(demo.alliances.highway);
    const page = await openOverview(demo.alliances.highway, { width: 1920, height: 1080 });

    // Burn-up: one point a week, ending at the KPI's completed count.
    const burnUp = page.locator('.overview-panel--burn-up');
    expect(Number(await burnUp.getAttribute('data-points'))).toBe(facts.completionOverTime.length);
    expect(facts.completionOverTime.length).toBeGreaterThan(10);
    const kpiCompleted = Number((await page.locator('[data-kpi="completed"] .kpi__value').innerText()).replace(/\D/g, ''));
    expect(kpiCompleted).toBe(facts.stats.overall.completed);
    expect(Number(await burnUp.getAttribute('data-last-completed'))).toBe(kpiCompleted);
    const burnUpLabel = (await burnUp.locator('.overview-chart').getAttribute('aria-label')) ?? '';
    expect(burnUpLabel).toContain(`已完成 ${kpiCompleted} 项`);

    // Ranking: every member once, by its short name; rates never rise down the list.
    const rows = page.locator('.ranking__row');
    expect(await rows.count()).toBe(facts.members.length);
    for (const member of facts.members) {
      const row = page.locator(`.ranking__row[data-partner-id="${member.partnerId}"]`);
      expect((await row.locator('.ranking__name').innerText()).trim()).toContain(facts.shortName(member));
    }
    const rates = (await page.locator('.ranking__rate').allInnerTexts()).map((text) => Number.parseFloat(text));
    expect(rates).toEqual([...rates].sort((a, b) => b - a));

    // The full name shows when a short name is reached by the keyboard.
    let reached = false;
    for (let press = 0; press < 80 && !reached; press += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.closest('.ranking') !== null);
    }
    expect(reached).toBe(true);
    const focused = page.locator('.ranking .overview-hint:focus');
    const focusedId = await focused.locator('xpath=ancestor::li').getAttribute('data-partner-id');
    const focusedMember = facts.members.find((member) => member.partnerId === focusedId);
    await expect.poll(() => focused.locator('[role="tooltip"]').isVisible()).toBe(true);
    expect(await focused.locator('[role="tooltip"]').innerText()).toBe(focusedMember?.name);

    // Map: Zhejiang's outline, one point per member with a location, each named in its summary.
    const located = facts.members.filter((member) => member.location);
    expect(located.length).toBe(facts.members.length);
    const map = page.locator('.overview-panel--map');
    expect(await map.getAttribute('data-regions')).toBe('zhejiang');
    expect(Number(await map.getAttribute('data-placed'))).toBe(located.length);
    const mapLabel = (await map.locator('.overview-chart').getAttribute('aria-label')) ?? '';
    for (const member of located) {
      expect(mapLabel).toContain(facts.shortName(member));
    }

    // Calendar: this month's activities on their days (China's), the next ones listed in order.
    const hubDay = (at: string) => new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 10);
    const month = hubDay(new Date().toISOString()).slice(0, 7);
    expect(await page.locator('.calendar__grid').getAttribute('data-month')).toBe(month);
    const perDay = new Map<string, number>();
    for (const activity of facts.activities) {
      perDay.set(hubDay(activity.startsAt), (perDay.get(hubDay(activity.startsAt)) ?? 0) + 1);
    }
    const shownDays = await page
      .locator('.calendar__day')
      .evaluateAll((cells) =>
        cells.map((cell) => [(cell as HTMLElement).dataset.day ?? '', Number((cell as HTMLElement).dataset.activities ?? 0)] as const),
      );
    expect(shownDays.filter(([, count]) => count > 0).length).toBeGreaterThan(0);
    for (const [day, count] of shownDays) {
      expect(count, day).toBe(perDay.get(day) ?? 0);
    }
    const now = Date.now();
    const coming = facts.activities
      .filter((activity) => Date.parse(activity.startsAt) >= now)
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))
      .slice(0, 4);
    expect(coming.length).toBeGreaterThan(0);
    expect(
      await page.locator('.calendar__activity').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.activityId)),
    ).toEqual(coming.map((activity) => activity.id));
    await page.locator('.calendar__nav button').last().click();
    await expect.poll(() => page.locator('.calendar__grid').getAttribute('data-month')).not.toBe(month);

    // No serious or critical axe-core finding in the board.
    await page.addScriptTag({ content: axe.source });
    const findings = await page.evaluate(async () => {
      const results = await (window as unknown as { axe: typeof axe }).axe.run('.wall-overview', { resultTypes: ['violations'] });
      return results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
    });
    expect(findings).toEqual([]);
    await page.close();
  });

  it('follows a completion live: the burn-up’s last week and the KPI move together', async () => {
    const page = await openOverview(demo.alliances.highway, { width: 1920, height: 1080 });
    await page.locator('[data-live-status="connected"]').waitFor({ timeout: 30_000 });
    const before = Number(await page.locator('.overview-panel--burn-up').getAttribute('data-last-completed'));
    const editor = new CommitmentDesk(await signIn(`${origin}/graphql`, people.wideningEditor), 'ENTERPRISE');
    const item = await editor.publishNew(demo.alliances.highway, {
      title: '总览燃尽图联动测试',
      category: 'WORK_LINKAGE',
      startDate: '2026-11-01',
      dueDate: '2027-03-31',
    });
    const done = await editor.complete(item.id, item.version);
    expect(done.codes).toEqual([]);
    await expect
      .poll(() => page.locator('.overview-panel--burn-up').getAttribute('data-last-completed'), { timeout: 30_000 })
      .toBe(String(before + 1));
    const kpi = Number((await page.locator('[data-kpi="completed"] .kpi__value').innerText()).replace(/\D/g, ''));
    expect(kpi).toBe(before + 1);
    await page.close();
  });

  it('places the 棠园 alliance’s members on Fujian’s outline', async () => {
    const facts = await allianceFacts(demo.alliances.tangyuan);
    const page = await openOverview(demo.alliances.tangyuan, { width: 1366, height: 768 });
    const map = page.locator('.overview-panel--map');
    expect(await map.getAttribute('data-regions')).toBe('fujian');
    expect(Number(await map.getAttribute('data-placed'))).toBe(facts.members.filter((member) => member.location).length);
    expect(Number(await map.getAttribute('data-placed'))).toBe(2);
    await screenshot(page, 'tangyuan-1366x768', shotsDir);
    await page.close();
  });

  it('fits every wall screen without scrolling, nothing cut off or overlapping; one column on a phone', async () => {
    for (const size of wallSizes) {
      const page = await openOverview(demo.alliances.highway, size);
      const layout = await layoutProblems(page);
      expect(layout.problems, `${size.width}×${size.height}`).toEqual([]);
      expect(layout.page.scrollHeight, `${size.width}×${size.height}`).toBeLessThanOrEqual(size.height);
      expect(layout.page.scrollWidth, `${size.width}×${size.height}`).toBeLessThanOrEqual(size.width);
      expect(Math.max(...layout.boxes.map((box) => box.bottom))).toBeLessThanOrEqual(size.height);
      await screenshot(page, `${size.width}x${size.height}`, shotsDir);
      await page.close();
    }

    const page = await openOverview(demo.alliances.highway, phone);
    const layout = await layoutProblems(page);
    expect(layout.problems).toEqual([]);
    expect(layout.page.scrollWidth).toBeLessThanOrEqual(phone.width);
    // One column: every panel as wide as the first, one under another.
    for (const [index, box] of layout.boxes.entries()) {
      expect(box.width).toBeCloseTo(layout.boxes[0]?.width ?? 0, 0);
      expect(box.top).toBeGreaterThanOrEqual(layout.boxes[index - 1]?.bottom ?? 0);
    }
    // A phone starts each chart as the reader scrolls near it: scroll through before the whole-page shot.
    for (const chart of await page.locator('.overview-chart').all()) {
      await chart.scrollIntoViewIfNeeded();
    }
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(shotsDir, `${phone.width}x${phone.height}.png`), fullPage: true });
    await page.close();
  });

  it('places a member the coordinator admits with its coordinates; refuses a latitude off the globe, writing nothing', async () => {
    const before = await allianceFacts(demo.alliances.highway);
    const page = await browser.open('/');
    await signInAs(page, 'coordinator');
    await page.goto(`/alliances/${demo.alliances.highway}`);
    const form = page.getByRole('form', { name: '准入成员单位' });
    const partner = form.locator('select[name="partnerId"]');
    await partner.locator('option:not([value=""])').first().waitFor({ state: 'attached' });
    const partnerId = await partner.locator('option:not([value=""])').first().getAttribute('value');
    await partner.selectOption(partnerId ?? '');
    await form.getByLabel('经度').fill('121.43');
    await form.getByLabel('纬度').fill('95');
    await form.getByLabel('所在地').fill('宁海县跃龙街道');
    await form.getByRole('button', { name: '准入' }).click();
    await expect.poll(() => form.locator('.notice').allInnerTexts()).toContainEqual(expect.stringContaining('纬度'));
    expect((await allianceFacts(demo.alliances.highway)).members.length).toBe(before.members.length);

    await form.getByLabel('纬度').fill('29.29');
    await form.getByRole('button', { name: '准入' }).click();
    await form.locator('.notice--success').waitFor();
    const after = await allianceFacts(demo.alliances.highway);
    const admitted = after.members.find((member) => member.partnerId === partnerId);
    expect(admitted?.location).toEqual({ longitude: 121.43, latitude: 29.29 });
    await page.close();

    const overview = await openOverview(demo.alliances.highway, { width: 1920, height: 1080 });
    const map = overview.locator('.overview-panel--map');
    await expect.poll(async () => Number(await map.getAttribute('data-placed'))).toBe(before.members.length + 1);
    expect((await map.locator('.overview-chart').getAttribute('aria-label')) ?? '').toContain(after.shortName(admitted as Member));
    await overview.close();
  });
});
