import { readFile } from 'node:fs/promises';
import type { RunningStack } from '@hub/testkit';
import { ensureWebBuilt } from '@hub/web/ensure-built';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, gql, startTestHub, tokenFor } from '../support/hub.ts';
import { fillTemplate, openWorkbook, rowsBelowHeader } from '../support/ledger-files.ts';
import { people, sql } from '../support/publishing.ts';
import { type OpenBrowser, openBrowser, screenshot } from './support/chromium.ts';
import { signInAs } from './support/sign-in.ts';

/**
 * The ledger's files in Chromium: the coordinator exports the tracking view's list in one click
 * and the file opens with the view's items; a partner editor downloads the import template,
 * imports a filled-in copy (the check first, row by row in Chinese, then the confirmation); the
 * report's print page on screen and as printed, at the desktop and the phone size.
 */

const port = Number(process.env.HUB_LEDGER_BROWSER_PORT ?? 5350);
const origin = `http://127.0.0.1:${port}`;
const highway = demo.alliances.highway;
const desktop = { width: 1280, height: 720 };
const phone = { width: 390, height: 844 };

let stack: RunningStack;
let coordinatorBrowser: OpenBrowser;
let editorBrowser: OpenBrowser;

beforeAll(async () => {
  const webDist = await ensureWebBuilt();
  stack = await startTestHub(port, { databasePrefix: 'hub_browser_ledger_', webDist });
  coordinatorBrowser = await openBrowser(origin);
  editorBrowser = await openBrowser(origin);
});

afterAll(async () => {
  await coordinatorBrowser?.close();
  await editorBrowser?.close();
  await stack?.stop();
});

/** Clicks `click` and returns the file the page downloads because of it. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const waiting = page.waitForEvent('download');
  await click();
  const download: Download = await waiting;
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

async function coordinatorApi<T = any>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await gql(`${origin}/graphql`, query, variables, await tokenFor(people.coordinator));
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

describe('the coordinator', () => {
  it('exports the tracking view’s list in one click, and the file holds what the view shows', async () => {
    const page = await coordinatorBrowser.open('/');
    await signInAs(page, 'coordinator');
    await page.goto(`/alliances/${highway}/tracking?category=WORK_LINKAGE,SHARED_RESPONSIBILITY`);
    const summary = await page.getByTestId('tracking-count').textContent();
    const matched = Number(/符合条件 (\d+) 项/.exec(summary ?? '')?.[1]);
    expect(matched).toBeGreaterThan(0);
    const file = await downloaded(page, () => page.getByTestId('export-ledger').click());
    expect(file.name).toMatch(/^共建清单台账-沈海高速宁海段改扩建党建联盟-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.getByText(`已下载 ${file.name}`).waitFor();
    const workbook = await openWorkbook(file.bytes);
    const rows = rowsBelowHeader(workbook.getWorksheet('台账')!, '序号');
    expect(rows).toHaveLength(matched);
    expect(new Set(rows.map((row) => row.类别))).toEqual(new Set(['工作联动', '责任联担']));
    expect(rows.every((row) => row.完成时限 === undefined || row.完成时限 instanceof Date)).toBe(true);
    await screenshot(page, 'ledger-tracking-export-1280x720');
  });

  it('reads the report on a print page: the API’s figures on screen, only the document when printed', async () => {
    const page = await coordinatorBrowser.open('/alliances', desktop);
    await page.getByTestId('report-link').click();
    await page.waitForURL(/\/report\?alliance=all&period=\d{4}-\d{2}$/);
    await page.locator('select[name="alliance"]').selectOption(highway);
    await page.locator('select[name="period"]').selectOption('2026-11');
    await page.getByTestId('report').getByRole('heading', { name: '沈海高速宁海段改扩建党建联盟工作简报' }).waitFor();
    const { alliance } = await coordinatorApi(
      'query($id: ID!) { alliance(id: $id) { lightThresholds { staleDays } stats { overall { total completed overdue } } } }',
      { id: highway },
    );
    const overall = await page.getByTestId('report-overall').textContent();
    expect(overall).toContain(`共建清单在册事项 ${alliance.stats.overall.total} 项`);
    expect(overall).toContain(`已销项 ${alliance.stats.overall.completed} 项`);
    expect(overall).toContain(`逾期未完成 ${alliance.stats.overall.overdue} 项`);

    for (const [size, label] of [
      [desktop, '1280x720'],
      [phone, '390x844'],
    ] as const) {
      await page.setViewportSize(size);
      await page.emulateMedia({ media: 'screen' });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      await screenshot(page, `ledger-report-${label}`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      expect(await page.locator('.report-controls').first().isVisible()).toBe(false);
      expect(await page.locator('.report__running-head').first().isVisible()).toBe(true);
      await screenshot(page, `ledger-report-print-${label}`);
    }
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(desktop);
    // Printed on A4: the item lists start on a page of their own, so there are at least two pages.
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const word = await downloaded(page, () => page.locator('[data-action="word"]').click());
    expect(word.name).toBe('沈海高速宁海段改扩建党建联盟工作简报-2026年11月.docx');
    expect(word.bytes.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('a partner editor', () => {
  it('imports from the template: checks the file row by row in Chinese, then imports it when told to', async () => {
    const page = await editorBrowser.open('/', desktop);
    await signInAs(page, 'enterprise-editor');
    await page.goto('/my/commitments');
    await page.getByTestId('import-link').click();
    await page.getByRole('heading', { name: '从 Excel 导入承诺事项' }).waitFor();
    const template = await downloaded(page, () => page.getByTestId('download-template').click());
    expect(template.name).toMatch(/^承诺事项导入模板-.+\.xlsx$/);

    const withProblems = await fillTemplate(template.bytes, [
      { 事项名称: '浏览器导入：安全生产月', 类别: '底线联守', 完成时限: '2027-06-30', 项目: '沈海高速宁海段改扩建工程' },
      { 事项名称: '浏览器导入：类别写错', 类别: '安全第一', 完成时限: '2027-06-31' },
    ]);
    const fileInput = page.locator('input[name="file"]');
    await fileInput.setInputFiles({
      name: '承诺事项.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: withProblems,
    });
    await page.locator('[data-action="check"]').click();
    const check = page.getByTestId('import-check');
    await check.getByText('检查结果：将新建 1 项，已存在 0 项，有错误 1 项').waitFor();
    await expect
      .poll(() => check.locator('tr[data-line="5"] [data-code]').allTextContents())
      .toEqual([expect.stringContaining('类别「安全第一」不存在'), expect.stringContaining('「完成时限」不是有效日期')]);
    expect(await page.locator('[data-action="confirm"]').isDisabled()).toBe(true);
    await page.setViewportSize(phone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await check.scrollIntoViewIfNeeded();
    await screenshot(page, 'ledger-import-check-390x844');
    await page.setViewportSize(desktop);
    await screenshot(page, 'ledger-import-check-1280x720');

    const before = await sql(stack.databaseUrls.enterprise!, 'select count(*)::int as n from commitment');
    const good = await fillTemplate(template.bytes, [
      { 事项名称: '浏览器导入：安全生产月', 类别: '底线联守', 完成时限: '2027-06-30', 项目: '沈海高速宁海段改扩建工程' },
      { 事项名称: '浏览器导入：青年突击队', 类别: '组织联建', 开始日期: '2027-01-01', 完成时限: '2027-03-31' },
    ]);
    await fileInput.setInputFiles({
      name: '承诺事项.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: good,
    });
    await page.locator('[data-action="check"]').click();
    await page.getByText('检查结果：将新建 2 项').waitFor();
    expect(await sql(stack.databaseUrls.enterprise!, 'select count(*)::int as n from commitment')).toEqual(before);
    await page.locator('[data-action="confirm"]').click();
    await page.getByTestId('import-done').getByText('导入完成：新建草稿 2 项').waitFor();
    await screenshot(page, 'ledger-import-done-1280x720');
    const [after] = await sql(stack.databaseUrls.enterprise!, 'select count(*)::int as n from commitment');
    expect(after.n - before[0].n).toBe(2);
    await page.getByRole('link', { name: '查看我的承诺事项' }).click();
    await page.getByTestId('my-commitments').getByText('浏览器导入：青年突击队').waitFor();
  });
});
