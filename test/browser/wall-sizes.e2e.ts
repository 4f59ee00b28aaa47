import { join } from 'node:path';
import { demo } from '@hub/contracts';
import { type RunningStack, repoRoot } from '@hub/testkit';
import { ensureWebBuilt } from '@hub/web/ensure-built';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, demo as seeded, startTestHub, tokenFor } from '../support/hub.ts';
import { type OpenBrowser, openBrowser, screenshot } from './support/chromium.ts';

/** The hub's gateway port; its subgraphs take the next five. */
const port = 5700;
const origin = `http://127.0.0.1:${port}`;
/** The highway alliance's wall on its list board, turning pages every 2 s so a test sees them all. */
const wallPath = `/wall/${demo.alliances.highway}?board=list&rotate=2`;
const shots = join(repoRoot, '.data/screenshots/wall');

const sizes = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '2560x1440', width: 2560, height: 1440 },
  { name: '3840x2160', width: 3840, height: 2160 },
  { name: '390x844', width: 390, height: 844 },
];

/** What one page of the list shows. */
interface ShownPage {
  readonly index: number;
  readonly count: number;
  readonly pinned: string[];
  readonly rest: string[];
}

/**
 * Everything on the wall that does not fit where it is: an element outside its panel, outside
 * the window's width, a heading or item title cut, a box inside the page that scrolls. Visually
 * hidden text (clipped on purpose) and what is not shown are left out.
 */
function misfits(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${(element.textContent ?? '').trim().slice(0, 30)}"`;
    const unseen = (element: Element) => {
      if (!element.checkVisibility({ visibilityProperty: true, opacityProperty: false })) {
        return true;
      }
      for (let at: Element | null = element; at; at = at.parentElement) {
        if (getComputedStyle(at).clipPath.startsWith('inset(50%')) {
          return true;
        }
      }
      return false;
    };
    const outside = (inner: DOMRect, outer: { left: number; right: number; top: number; bottom: number }) =>
      inner.left < outer.left - 1 || inner.right > outer.right + 1 || inner.top < outer.top - 1 || inner.bottom > outer.bottom + 1;
    for (const panel of document.querySelectorAll('.wall .panel')) {
      const box = panel.getBoundingClientRect();
      for (const element of panel.querySelectorAll('*')) {
        const rect = element.getBoundingClientRect();
        if ((rect.width > 0 || rect.height > 0) && !unseen(element) && outside(rect, box)) {
          problems.push(`${name(element)} leaves its panel ${name(panel)}`);
        }
      }
    }
    const width = window.innerWidth;
    for (const element of document.querySelectorAll('.wall *')) {
      const rect = element.getBoundingClientRect();
      if (rect.width > 0 && !unseen(element) && (rect.left < -1 || rect.right > width + 1)) {
        problems.push(`${name(element)} leaves the window (${Math.round(rect.left)}–${Math.round(rect.right)} of ${width})`);
      }
      const style = getComputedStyle(element);
      if (/(auto|scroll)/.test(style.overflowY) && element.scrollHeight > element.clientHeight + 1) {
        problems.push(`${name(element)} scrolls inside the page`);
      }
    }
    for (const title of document.querySelectorAll('.wall h1, .wall h2, .wall h3, .wall .joint-item__title')) {
      // Lines past the bottom are cut only where the title clips (the list's titles, two lines at most).
      const clipsLines = getComputedStyle(title).overflowY !== 'visible';
      if (title.scrollWidth > title.clientWidth + 1 || (clipsLines && title.scrollHeight > title.clientHeight + 1)) {
        problems.push(`${name(title)} is cut (${title.scrollWidth}×${title.scrollHeight} in ${title.clientWidth}×${title.clientHeight})`);
      }
    }
    return problems;
  });
}

/** The page of the list showing now (one page, index 0, where the list does not turn). */
function shownPage(page: Page): Promise<ShownPage> {
  return page.evaluate(() => {
    const indicator = document.querySelector('[data-testid="joint-list-page"]');
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="joint-list"] [data-commitment-id]')];
    const ids = (pinned: boolean) =>
      rows.filter((row) => (row.dataset.pinned === 'true') === pinned).map((row) => row.dataset.commitmentId ?? '');
    return {
      index: Number(indicator?.getAttribute('data-page') ?? 0),
      count: Number(indicator?.getAttribute('data-pages') ?? 1),
      pinned: ids(true),
      rest: ids(false),
    };
  });
}

/** A number in a text ("共 17 项", "17 items"). */
function numberIn(text: string): number {
  return Number(text.replace(/[^\d]/g, ''));
}

describe('the wall at every screen size', () => {
  let stack: RunningStack;
  let browser: OpenBrowser;
  /** The list as the API counts it, and its overdue items. */
  let onList: number;
  let overdue: string[];

  beforeAll(async () => {
    const webDist = await ensureWebBuilt();
    stack = await startTestHub(port, { databasePrefix: 'hub_wall_sizes_', webDist });
    browser = await openBrowser(origin);
    const read = await gql(
      stack.gatewayUrl,
      `query($a: ID!) { alliance(id: $a) { stats { overall { total } } coBuildingList(first: 100, filter: { overdue: true }) { edges { node { id } } } } }`,
      { a: demo.alliances.highway },
    );
    onList = read.data.alliance.stats.overall.total;
    overdue = read.data.alliance.coBuildingList.edges.map((edge: { node: { id: string } }) => edge.node.id);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Opens the wall at a size and waits for its list, its live connection and its charts. */
  async function openWall(size: { width: number; height: number }, lang = 'zh-CN'): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
    await page.addInitScript((chosen) => localStorage.setItem('hub.lang', chosen), lang);
    await page.setViewportSize(size);
    await page.goto(wallPath);
    await page.locator('[data-testid="joint-list"] li').first().waitFor();
    await page.locator('[data-live-status="connected"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1200); // the charts' own entrance
    return page;
  }

  /** A screenshot once the list's rows have come in (a page turning is half transparent). */
  async function shoot(page: Page, name: string): Promise<void> {
    await page.waitForFunction(() =>
      document
        .getAnimations()
        .every(
          (animation) => animation.playState !== 'running' || !(animation.effect as KeyframeEffect | null)?.target?.closest('.joint-list'),
        ),
    );
    await screenshot(page, name, shots);
  }

  /** Follows the list's pages until each has shown, checking that each fits; returns them. */
  async function everyPage(page: Page): Promise<ShownPage[]> {
    const seen = new Map<number, ShownPage>();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const shown = await shownPage(page);
      if (!seen.has(shown.index)) {
        await page.waitForTimeout(600); // the page's rows settle where they belong
        const settled = await shownPage(page);
        if (settled.index === shown.index) {
          seen.set(shown.index, settled);
          expect(await misfits(page), `page ${shown.index + 1}`).toEqual([]);
        }
      }
      if (seen.size === shown.count) {
        return [...seen.values()].sort((a, b) => a.index - b.index);
      }
      await page.waitForTimeout(250);
    }
    throw new Error(`Saw ${seen.size} pages of the list within a minute`);
  }

  async function expectWholeList(page: Page): Promise<ShownPage[]> {
    const pages = await everyPage(page);
    const ids = new Set(pages.flatMap((shown) => [...shown.pinned, ...shown.rest]));
    expect(ids.size).toBe(onList);
    for (const shown of pages) {
      expect(new Set(shown.pinned)).toEqual(new Set(overdue));
      expect(shown.rest.filter((id) => overdue.includes(id))).toEqual([]);
    }
    const header = numberIn(await page.getByTestId('joint-list-count').innerText());
    const kpi = numberIn(await page.locator('[data-kpi="total"] .kpi__value').innerText());
    expect(header).toBe(onList);
    expect(kpi).toBe(onList);
    return pages;
  }

  for (const size of sizes) {
    it(`fits ${size.name}: nothing cut or outside its panel, every item of the list over its pages`, async () => {
      const page = await openWall(size);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await shoot(page, size.name);
      const pages = await expectWholeList(page);
      if (size.width >= 1280) {
        // One screen: the page does not scroll, the list turns.
        expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(size.height);
        expect(pages.length).toBeGreaterThan(1);
      } else {
        // A phone: one column that scrolls, the whole list in it.
        expect(pages).toHaveLength(1);
        await page.getByRole('combobox', { name: '切换联盟' }).waitFor();
        const select = await page.getByRole('combobox', { name: '切换联盟' }).boundingBox();
        expect((select?.x ?? 0) + (select?.width ?? 0)).toBeLessThanOrEqual(size.width);
      }
      await page.close();
    });
  }

  it('fits in English too (1366×768): words whole, plurals right', async () => {
    const page = await openWall({ width: 1366, height: 768 }, 'en');
    await shoot(page, '1366x768-en');
    expect(await misfits(page)).toEqual([]);
    expect(await page.getByTestId('joint-list-count').innerText()).toBe(`${onList} items`);
    await page
      .getByText('1 day late')
      .or(page.getByText(/\d+ days late/))
      .first()
      .waitFor();
    await page.close();
  });

  it('lights a row changed live without stopping the pages, and counts it in the header and the KPI alike', async () => {
    const page = await openWall({ width: 1920, height: 1080 });
    const before = await shownPage(page);
    expect(before.count).toBeGreaterThan(1);

    const editor = await tokenFor({ role: 'partner_editor', partnerId: seeded.partners.trafficPolice });
    const created = await gql(
      stack.gatewayUrl,
      'mutation($a: ID!, $input: TrafficPoliceCommitmentInput!) { trafficPolice { createCommitment(allianceId: $a, input: $input) { id version } } }',
      {
        a: demo.alliances.highway,
        input: {
          title: '春运高峰联合保畅（大屏测试）',
          category: 'WORK_LINKAGE',
          dueDate: '2027-12-31',
          roadSection: 'G15 K1520—K1535',
          guarantees: ['SAFETY'],
        },
      },
      editor,
    );
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const { id, version } = created.data.trafficPolice.createCommitment;
    const published = await gql(
      stack.gatewayUrl,
      'mutation($id: ID!, $version: Int!) { trafficPolice { publishCommitment(id: $id, version: $version) { id status } } }',
      { id, version },
      editor,
    );
    expect(published.errors, JSON.stringify(published.errors)).toBeUndefined();

    // Counted at once, the same in the list's header and the KPI.
    await page
      .getByTestId('joint-list-count')
      .filter({ hasText: String(onList + 1) })
      .waitFor({ timeout: 30_000 });
    await page.locator('[data-kpi="total"] .kpi__value', { hasText: String(onList + 1) }).waitFor({ timeout: 30_000 });
    // The row lights at once if its page shows, else a note counts it until its page comes round.
    await page
      .getByTestId('joint-list-updates')
      .or(page.locator(`[data-commitment-id="${id}"].joint-item--fresh`))
      .first()
      .waitFor();

    // Lit when its page shows (at the end of the list, so after the others), the pages turning on.
    const turns: number[] = [];
    const lit = page.locator(`[data-commitment-id="${id}"].joint-item--fresh`);
    const deadline = Date.now() + 30_000;
    while (!(await lit.count()) && Date.now() < deadline) {
      const shown = await shownPage(page);
      if (turns.at(-1) !== shown.index) {
        turns.push(shown.index);
      }
      if (!shown.rest.includes(id)) {
        // Not on this page: a note says so, and the page is not turned to it. The note goes once
        // the page comes round to the item, which may happen between reading the page and the note.
        const note = await page
          .getByTestId('joint-list-updates')
          .innerText({ timeout: 1_000 })
          .catch(() => null);
        if (note === null) {
          expect((await shownPage(page)).rest).toContain(id);
        } else {
          expect(numberIn(note)).toBeGreaterThan(0);
        }
      }
      await page.waitForTimeout(200);
    }
    expect(await lit.count()).toBe(1);
    await screenshot(page, '1920x1080-live-change', shots);
    const litOn = (await shownPage(page)).index;
    await page.waitForFunction(
      (from) => document.querySelector('[data-testid="joint-list-page"]')?.getAttribute('data-page') !== String(from),
      litOn,
      {
        timeout: 10_000,
      },
    );
    expect(await page.getByTestId('joint-list-updates').count()).toBe(0);
    expect(numberIn(await page.getByTestId('joint-list-count').innerText())).toBe(onList + 1);
    await page.close();
  });

  it('holds the pages while someone points at the list, and moves nothing for reduced motion', async () => {
    const page = await openWall({ width: 1920, height: 1080 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const list = page.locator('.panel--list');
    const box = await list.boundingBox();
    if (!box) {
      throw new Error('no list panel');
    }
    // Moving over the list holds the page for as long as the pointer moves, and a while after.
    const held = (await shownPage(page)).index;
    for (let step = 0; step < 12; step++) {
      await page.mouse.move(box.x + 40 + step * 10, box.y + 80);
      await page.waitForTimeout(400);
    }
    expect((await shownPage(page)).index).toBe(held);
    await page.mouse.move(0, 0);
    await page.waitForFunction(
      (from) => document.querySelector('[data-testid="joint-list-page"]')?.getAttribute('data-page') !== String(from),
      held,
      {
        timeout: 15_000,
      },
    );
    expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);

    // The stop button stops them until pressed again.
    await page.getByTestId('joint-list-stop').click();
    await page.mouse.move(0, 0);
    const stopped = (await shownPage(page)).index;
    await page.waitForTimeout(9_000);
    expect((await shownPage(page)).index).toBe(stopped);
    await page.getByRole('button', { name: '继续翻页' }).click();
    await page.getByRole('button', { name: '暂停翻页' }).waitFor();
    await page.close();
  });

  it('switches boards from the header, and goes full screen from it where the browser can', async () => {
    const page = await openWall({ width: 1920, height: 1080 });
    await page.getByRole('button', { name: '总览' }).click();
    await page.locator('.wall[data-board="overview"]').waitFor();
    expect(await page.locator('[data-testid="joint-list"]').count()).toBe(0);
    await page.getByRole('button', { name: '清单' }).click();
    await page.locator('[data-testid="joint-list"] li').first().waitFor();
    expect(await page.getByTestId('board-cycle').getAttribute('aria-pressed')).toBe('false');

    const fullscreen = page.getByTestId('wall-fullscreen');
    if (await page.evaluate(() => document.fullscreenEnabled)) {
      await fullscreen.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: '退出全屏' }).waitFor();
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: '全屏' }).waitFor();
    } else {
      expect(await fullscreen.count()).toBe(0);
    }
    await page.close();
  });
});
