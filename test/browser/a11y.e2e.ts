import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demo } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { buildWeb } from '@hub/web/ensure-built';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub } from '../support/hub.ts';
import { untilRelayed } from '../support/publishing.ts';
import { describeViolations, seriousViolations } from './support/axe.ts';
import { artifactsDir, type OpenBrowser, openBrowser, screenshot } from './support/chromium.ts';
import { signInAs } from './support/sign-in.ts';

/**
 * Every page of the web app, as the user it is for, checked by axe-core (no serious or critical
 * violation), and walked with the keyboard: the skip link comes first and leads into the page,
 * Tab reaches the main actions, each focused control shows it, a form's errors are announced and
 * visible. Also checks that the wall's scripts arrive compressed. The app is built for this file
 * alone; screenshots go to test-artifacts/a11y/.
 */

const port = Number(process.env.HUB_A11Y_BROWSER_PORT ?? 5760);
const origin = `http://127.0.0.1:${port}`;
const allianceId = demo.alliances.highway;
const desktop = { width: 1366, height: 768 };
const phone = { width: 390, height: 844 };
const shotsDir = join(artifactsDir, 'a11y');

let stack: RunningStack;
let webDist: string;
const browsers: OpenBrowser[] = [];

/** A browser of its own (a session lives in one profile), signed in as `user` unless null. */
async function browserFor(user: string | null): Promise<{ browser: OpenBrowser; page: Page }> {
  const browser = await openBrowser(origin);
  browsers.push(browser);
  const page = await browser.open('/sign-in', desktop);
  page.setDefaultTimeout(60_000);
  if (user) {
    await signInAs(page, user);
  }
  return { browser, page };
}

/** Waits until the page has loaded what it shows: no request in flight, nothing marked busy or loading. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.loading, [aria-busy="true"]'));
  await page.waitForTimeout(200);
}

/** Opens `path`, waits for it to settle and returns axe's serious and critical findings as lines. */
async function check(page: Page, path: string, ready?: string): Promise<string[]> {
  const started = Date.now();
  await page.goto(path);
  if (ready) {
    await page.locator(ready).first().waitFor();
  }
  await settle(page);
  const found = describeViolations(path, await seriousViolations(page));
  console.log(`axe ${path}: ${found.length} serious or critical, ${Date.now() - started} ms`);
  return found;
}

/** The first link on the page whose target matches `pattern` (an item's own page from a list). */
async function firstLink(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  const found = hrefs.find((href) => pattern.test(href));
  if (!found) {
    throw new Error(`No link matching ${pattern} on ${page.url()}`);
  }
  return found;
}

/** The focused element, described: its tag, role, text or label, and whether its focus is visible. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) {
      return null;
    }
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      className: element.className,
      name: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40),
      indicator: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' ? 'outline' : style.boxShadow !== 'none' ? 'shadow' : 'none',
      onScreen: box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0,
    };
  });
}

/** Presses Tab `count` times from the page's start and returns what got the focus each time. */
async function tabWalk(page: Page, count: number) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => window.scrollTo(0, 0));
  const seen = [];
  for (let i = 0; i < count; i += 1) {
    await page.keyboard.press('Tab');
    seen.push(await focused(page));
  }
  return seen;
}

beforeAll(async () => {
  // A build of its own: web/dist is rebuilt by other test runs whenever a source changes, and a
  // rebuild removes the compressed copies for the seconds it takes to write them again.
  webDist = await buildWeb(await mkdtemp(join(tmpdir(), 'hub-a11y-web-')));
  stack = await startTestHub(port, { databasePrefix: 'hub_browser_a11y_', webDist });
  await untilRelayed(stack);
});

afterAll(async () => {
  for (const browser of browsers) {
    await browser.close();
  }
  await stack?.stop();
  if (webDist) {
    await rm(webDist, { recursive: true, force: true });
  }
});

describe('accessibility (axe-core) of every page, as the user it is for', { timeout: 600_000 }, () => {
  it('the wall (both boards), on a wall screen and a phone, and the sign-in and not-found pages', async () => {
    const { page } = await browserFor(null);
    const found: string[] = [];
    found.push(...(await check(page, '/sign-in', '[data-user-id]')));
    found.push(...(await check(page, '/no-such-page')));
    // Both boards (the list and the overview), each staying put (?board=) while axe looks.
    for (const board of ['list', 'overview']) {
      for (const viewport of [{ width: 1920, height: 1080 }, phone]) {
        await page.setViewportSize(viewport);
        await page.goto(`/wall/${allianceId}?board=${board}`);
        await page.locator(`.wall[data-board="${board}"]`).waitFor();
        await page.locator('[data-live-status="connected"]').waitFor({ timeout: 30_000 });
        await settle(page);
        found.push(...describeViolations(`wall ${board} ${viewport.width}×${viewport.height}`, await seriousViolations(page)));
      }
    }
    expect(found).toEqual([]);
  });

  it("the partner editor's pages (enterprise-editor), the forms with their errors showing", async () => {
    const { page } = await browserFor('enterprise-editor');
    const found: string[] = [];
    found.push(...(await check(page, '/my/commitments', '[data-testid="my-commitments"]')));
    const commitment = await firstLink(page, /^\/my\/commitments\/[0-9a-f-]{36}$/);
    found.push(...(await check(page, commitment)));
    found.push(...(await check(page, '/my/commitments/new', 'form')));
    await page.getByRole('button', { name: '保存为草稿' }).click();
    await page.locator('.form__summary').waitFor();
    found.push(...describeViolations('/my/commitments/new with errors', await seriousViolations(page)));
    found.push(...(await check(page, '/my/activities')));
    const activity = await firstLink(page, /^\/my\/activities\/[0-9a-f-]{36}$/);
    found.push(...(await check(page, activity)));
    found.push(...(await check(page, '/my/activities/new', 'form')));
    await page.locator('form button[type="submit"]').first().click();
    await page.locator('.form__summary').waitFor();
    found.push(...describeViolations('/my/activities/new with errors', await seriousViolations(page)));
    found.push(...(await check(page, '/my/needs', '[data-testid="my-needs"]')));
    found.push(...(await check(page, await firstLink(page, /^\/my\/needs\/[0-9a-f-]{36}$/))));
    found.push(...(await check(page, '/my/needs/new', 'form')));
    await page.locator('form button[type="submit"]').first().click();
    await page.locator('.form__summary').waitFor();
    found.push(...describeViolations('/my/needs/new with errors', await seriousViolations(page)));
    found.push(...(await check(page, '/my/resources', '[data-testid="my-resources"]')));
    found.push(...(await check(page, '/my/resources/new', 'form')));
    found.push(...(await check(page, '/my/import', '[data-testid="download-template"]')));
    found.push(...(await check(page, '/my/reminders')));
    expect(found).toEqual([]);
  });

  it("the coordinator's pages: alliances and their tabs, an item, 督办回复, the report", async () => {
    const { page } = await browserFor('coordinator');
    const found: string[] = [];
    found.push(...(await check(page, '/alliances')));
    found.push(...(await check(page, `/alliances/${allianceId}`, '[data-testid="members"]')));
    found.push(...(await check(page, `/alliances/${allianceId}/agreement`)));
    found.push(...(await check(page, `/alliances/${allianceId}/meetings`)));
    found.push(...(await check(page, `/alliances/${allianceId}/tracking`, '[data-testid="tracking-table"]')));
    found.push(
      ...(await check(
        page,
        await firstLink(page, new RegExp(`^/alliances/${allianceId}/items/[0-9a-f-]{36}$`)),
        '[data-testid="item-title"]',
      )),
    );
    found.push(...(await check(page, '/reminders')));
    found.push(...(await check(page, `/report?alliance=${allianceId}`, '[data-testid="report"]')));
    expect(found).toEqual([]);
  });

  it('三张清单: the lists, the claim hall, a need (with the claim form of another partner), a project, 我的资源', async () => {
    const { page } = await browserFor('university-editor');
    const found: string[] = [];
    found.push(...(await check(page, `/cobuild/${allianceId}`)));
    const need = await firstLink(page, new RegExp(`^/cobuild/${allianceId}/needs/[0-9a-f-]{36}$`));
    found.push(...(await check(page, `/cobuild/${allianceId}/resources`, '[data-testid="cobuild-resources"]')));
    found.push(...(await check(page, `/cobuild/${allianceId}/projects`, '[data-testid="cobuild-projects"]')));
    const project = await firstLink(page, new RegExp(`^/cobuild/${allianceId}/projects/[0-9a-f-]{36}$`));
    found.push(...(await check(page, `/cobuild/${allianceId}/hall`)));
    found.push(...(await check(page, need)));
    found.push(...(await check(page, project)));
    found.push(...(await check(page, '/my/resources', '[data-testid="my-resources"]')));
    found.push(...(await check(page, await firstLink(page, /^\/my\/resources\/[0-9a-f-]{36}$/))));
    const coordinator = await browserFor('coordinator');
    found.push(...(await check(coordinator.page, '/cobuild')));
    found.push(...(await check(coordinator.page, `/cobuild/${allianceId}/hall`)));
    expect(found).toEqual([]);
  });
});

describe('by keyboard', { timeout: 300_000 }, () => {
  it('the skip link comes first, shows when focused and moves into the page; Tab reaches the navigation and the main actions, each visibly', async () => {
    const { page } = await browserFor('enterprise-editor');
    await page.goto('/my/commitments');
    await page.locator('[data-testid="my-commitments"]').waitFor();
    await settle(page);
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip).toMatchObject({ tag: 'a', name: '跳到主要内容', onScreen: true });
    await screenshot(page, 'skip-link-focused', shotsDir);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('main')))).toBe(true);

    const walk = await tabWalk(page, 30);
    const names = walk.map((step) => step?.name);
    for (const name of ['跳到主要内容', '数据大屏', '我的承诺事项', '三张清单', '退出', '新建承诺事项', '从 Excel 导入']) {
      expect(names).toContain(name);
    }
    expect(walk.filter((step) => step && (step.indicator === 'none' || !step.onScreen))).toEqual([]);
  });

  it("the wall's lists scroll by keyboard: each scrolling region takes the focus and has a name", async () => {
    const { page } = await browserFor(null);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`/wall/${allianceId}`);
    await page.locator('[data-live-status="connected"]').waitFor({ timeout: 30_000 });
    await settle(page);
    const regions = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('body *')]
        .filter((element) => {
          const style = getComputedStyle(element);
          return (
            /(auto|scroll)/.test(style.overflowY + style.overflowX) &&
            (element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1)
          );
        })
        .map((element) => ({
          tabIndex: element.tabIndex,
          name: element.getAttribute('aria-label') ?? element.getAttribute('aria-labelledby') ?? '',
        })),
    );
    for (const region of regions) {
      expect(region.tabIndex).toBe(0);
      expect(region.name).not.toBe('');
    }
    const walk = await tabWalk(page, 25);
    expect(walk.filter((step) => step && (step.indicator === 'none' || !step.onScreen))).toEqual([]);
  });

  it("a form's errors: announced, each control marked invalid and described by its message, shown with more than colour", async () => {
    const { page } = await browserFor('enterprise-editor');
    await page.goto('/my/commitments/new');
    await page.getByRole('button', { name: '保存为草稿' }).waitFor();
    await settle(page);
    await page.getByRole('button', { name: '保存为草稿' }).focus();
    await page.keyboard.press('Enter');
    const summary = page.locator('.form__summary');
    await summary.waitFor();
    expect(await summary.getAttribute('role')).toBe('alert');
    // The focus goes to the first field to fix (the 六联 category), which says why; so does every other.
    const described = (selector: string) =>
      page.locator(selector).evaluate((element) => ({
        invalid: element.getAttribute('aria-invalid'),
        messages: (element.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? ''),
      }));
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'category');
    expect(await described('select[name="category"]')).toEqual({ invalid: 'true', messages: ['请选择一项'] });
    expect(await described('input[name="title"]')).toMatchObject({ invalid: 'true', messages: expect.arrayContaining(['此项为必填项']) });
    const title = page.locator('input[name="title"]');
    const style = await title.evaluate((element) => {
      const computed = getComputedStyle(element);
      return { border: computed.borderLeftColor, width: computed.borderLeftWidth };
    });
    expect(style.border).toBe('rgb(200, 22, 29)');
    expect(Number.parseFloat(style.width)).toBeGreaterThanOrEqual(2);
    const icon = await page
      .locator('.field__error')
      .first()
      .evaluate((element) => getComputedStyle(element, '::before').content);
    expect(icon).not.toBe('none');
    await title.scrollIntoViewIfNeeded();
    await screenshot(page, 'form-errors', shotsDir);
  });
});

describe('delivery', () => {
  it("sends the wall's scripts brotli-compressed to the browser, immutable, and whole to a client that asks for nothing", async () => {
    const { page } = await browserFor(null);
    const scripts: { url: string; encoding?: string; cache?: string; length: number }[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) {
        const headers = response.headers();
        scripts.push({
          url: response.url(),
          encoding: headers['content-encoding'],
          cache: headers['cache-control'],
          length: Number(headers['content-length']),
        });
      }
    });
    await page.goto(`/wall/${allianceId}`);
    await page.locator('[data-live-status="connected"]').waitFor({ timeout: 30_000 });
    expect(scripts.length).toBeGreaterThan(2);
    for (const script of scripts) {
      expect(script.cache, script.url).toBe('public, max-age=31536000, immutable');
      // Under 1 KB a compressed copy is not worth its headers (web/scripts/precompress.ts).
      if (script.length >= 1024 || script.encoding !== undefined) {
        expect(script.encoding, script.url).toBe('br');
      }
    }
    // ECharts itself (the largest of the files named so: the wall's chart setups are tiny chunks of their own).
    const echarts = scripts.filter((script) => /\/echarts-[\w-]+\.js$/.test(script.url)).sort((a, b) => b.length - a.length)[0];
    expect(echarts?.length).toBeGreaterThan(100_000);
    expect(echarts?.encoding).toBe('br');
    const plain = await new Promise<{ status?: number; encoding?: string; length: number; declared: number }>((resolve, reject) => {
      httpRequest(scripts[0]!.url, (response) => {
        let length = 0;
        response.on('data', (chunk: Buffer) => {
          length += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            encoding: response.headers['content-encoding'],
            length,
            declared: Number(response.headers['content-length']),
          }),
        );
      })
        .on('error', reject)
        .end();
    });
    expect(plain).toMatchObject({ status: 200, encoding: undefined });
    expect(plain.length).toBe(plain.declared);
    const index = await fetch(`${origin}/wall/${allianceId}`, { method: 'HEAD' });
    expect(index.headers.get('cache-control')).toBe('no-cache');
  });
});
