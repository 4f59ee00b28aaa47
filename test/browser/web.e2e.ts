import { demo } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { ensureWebBuilt } from '@hub/web/ensure-built';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub } from '../support/hub.ts';
import { type OpenBrowser, openBrowser, screenshot } from './support/chromium.ts';
import { signInAs } from './support/sign-in.ts';

/** The hub's gateway port; its subgraphs take the next five. HUB_BROWSER_PORT moves it when 4300 is busy. */
const port = Number(process.env.HUB_BROWSER_PORT ?? 4300);
const origin = `http://127.0.0.1:${port}`;
const wallPath = `/wall/${demo.alliances.highway}`;

describe('the web app in Chromium', () => {
  let stack: RunningStack;
  let browser: OpenBrowser;

  beforeAll(async () => {
    const webDist = await ensureWebBuilt();
    stack = await startTestHub(port, { databasePrefix: 'hub_browser_', webDist });
    browser = await openBrowser(origin);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Counts the page's HTTP requests to /graphql from now on (the wall must not poll). */
  function countGraphqlRequests(page: Page): () => number {
    let count = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') {
        count += 1;
      }
    });
    return () => count;
  }

  it('shows a commitment an editor publishes on the wall at once, without a reload or polling', async () => {
    const wall = await browser.open(wallPath);
    await wall.locator('[data-testid="joint-list"] li').first().waitFor();
    await wall.locator('[data-live-status="connected"]').waitFor({ timeout: 30_000 });
    await wall.evaluate(() => {
      (window as unknown as { loadedOnce: boolean }).loadedOnce = true;
    });
    const graphqlRequests = countGraphqlRequests(wall);

    const editor = await browser.open('/');
    await signInAs(editor, 'enterprise-editor');
    await editor.getByRole('link', { name: '新建承诺事项' }).click();
    const title = '高边坡施工安全联合巡查（浏览器测试）';
    await editor.locator('input[name="title"]').fill(title);
    await editor.locator('select[name="category"]').selectOption('SHARED_RESPONSIBILITY');
    await editor.locator('input[name="startDate"]').fill('2026-12-01');
    await editor.locator('input[name="dueDate"]').fill('2027-03-31');
    await editor.locator('input[name="project"]').fill('沈海高速宁海段改扩建工程');
    await editor.locator('input[name="site"]').fill('K1505—K1512 高边坡段');
    await editor.getByRole('button', { name: '保存为草稿' }).click();
    await editor.getByText('已保存为草稿').waitFor();
    expect(await wall.locator('.joint-item', { hasText: title }).count()).toBe(0);

    await editor.locator('[data-action="publish"]').click();
    await editor.getByText('已发布到共建清单').waitFor();
    await editor.locator('.page__lead .badge', { hasText: '已发布' }).waitFor();

    const item = wall.locator('.joint-item', { hasText: title });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.locator('.badge').innerText()).toBe('已发布');
    await wall.locator('[data-testid="live-feed"] .feed__entry--live', { hasText: title }).waitFor();
    expect(await wall.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    expect(graphqlRequests()).toBe(0);

    await wall.waitForTimeout(3500); // let the arrival highlight fade for a calm screenshot
    await screenshot(wall, 'wall-1920x1080');
    await screenshot(editor, 'editor-commitment-published');
    await editor.goto('/my/commitments');
    await editor.locator('[data-testid="my-commitments"]').waitFor();
    await screenshot(editor, 'editor-my-commitments');
    await Promise.all([wall.close(), editor.close()]);
  });

  it('explains in Chinese what a commitment is missing before sending it', async () => {
    const editor = await browser.open('/my/commitments/new');
    await editor.getByRole('button', { name: '保存为草稿' }).waitFor();
    await editor.waitForLoadState('networkidle');
    const requests = countGraphqlRequests(editor);
    await editor.getByRole('button', { name: '保存为草稿' }).click();
    await editor.getByText('有几项需要修改').waitFor();
    const titleError = editor.locator('.field', { has: editor.locator('input[name="title"]') }).locator('.field__error');
    expect(await titleError.innerText()).toBe('此项为必填项');
    const categoryError = editor.locator('.field', { has: editor.locator('select[name="category"]') }).locator('.field__error');
    expect(await categoryError.innerText()).toBe('请选择一项');
    await editor.locator('input[name="startDate"]').fill('2027-05-01');
    await editor.locator('input[name="dueDate"]').fill('2027-04-01');
    await editor.getByText('完成时限不能早于开始日期').waitFor();
    expect(requests()).toBe(0);
    await screenshot(editor, 'editor-validation');
    await editor.close();
  });

  it('shows the API refusing a forbidden action, in Chinese with the server’s own words', async () => {
    const page = await browser.open('/alliances');
    await page.getByText('须由联盟牵头单位操作').waitFor();
    await page.locator('input[name="name"]').fill('越权测试联盟');
    await page.locator('input[name="coordinatorName"]').fill('改扩建项目部');
    await page.getByRole('button', { name: '创建联盟' }).click();
    const notice = page.locator('[data-error-code="FORBIDDEN"]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('没有权限执行此操作');
    expect(await notice.innerText()).toContain('Only the alliance coordinator');
    await screenshot(page, 'forbidden-create-alliance');
    await page.close();
  });

  it('fits a phone and switches to English', async () => {
    const wall = await browser.open(wallPath, { width: 390, height: 844 });
    await wall.locator('[data-testid="joint-list"] li').first().waitFor();
    expect(await wall.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(wall, 'wall-phone-390x844');
    await wall.getByRole('button', { name: 'EN' }).click();
    await wall.getByRole('heading', { name: 'Joint list' }).waitFor();
    await wall.getByRole('button', { name: '中文' }).click();
    await wall.getByRole('heading', { name: '共建清单' }).waitFor();
    await wall.close();
  });
});
