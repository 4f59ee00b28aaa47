import { readFile } from 'node:fs/promises';
import type { RunningStack } from '@hub/testkit';
import { ensureWebBuilt } from '@hub/web/ensure-built';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demo, startTestHub } from '../support/hub.ts';
import { bytesOf, type CellValue, openWorkbook } from '../support/ledger-files.ts';
import { sql } from '../support/publishing.ts';
import { type OpenBrowser, openBrowser, screenshot } from './support/chromium.ts';
import { signInAs } from './support/sign-in.ts';

/**
 * The coordinator's import of an alliance's own data in Chromium, on the alliance's 成员单位 tab:
 * the template downloaded, a file with a bad row checked (nothing written, the problem in
 * Chinese, no confirming), then a good one confirmed.
 */

const port = Number(process.env.HUB_ALLIANCE_IMPORT_BROWSER_PORT ?? 5450);
const origin = `http://127.0.0.1:${port}`;
const tangyuan = demo.alliances.tangyuan;

let stack: RunningStack;
let browser: OpenBrowser;

beforeAll(async () => {
  const webDist = await ensureWebBuilt();
  stack = await startTestHub(port, { databasePrefix: 'hub_browser_alliance_import_', webDist });
  browser = await openBrowser(origin);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function template(page: Page): Promise<Buffer> {
  const waiting = page.waitForEvent('download');
  await page.getByTestId('download-alliance-template').click();
  const download = await waiting;
  expect(download.suggestedFilename()).toMatch(/^联盟数据导入模板-.+\.xlsx$/);
  return readFile(await download.path());
}

/** The template with meetings filled in on its 联席会议 sheet from row 4. */
async function withMeetings(file: Buffer, meetings: Record<string, CellValue>[]): Promise<Buffer> {
  const workbook = await openWorkbook(file);
  const sheet = workbook.getWorksheet('联席会议')!;
  const headers = (sheet.getRow(3).values as unknown[]).map((value) => String(value ?? '').replace('*', ''));
  meetings.forEach((meeting, index) => {
    for (const [header, value] of Object.entries(meeting)) {
      sheet.getRow(4 + index).getCell(headers.indexOf(header)).value = value;
    }
  });
  return bytesOf(workbook);
}

const meetingCount = async () =>
  (await sql(stack.databaseUrls.alliance!, 'select count(*)::int as n from joint_meeting where alliance_id = $1', [tangyuan]))[0].n;

it('checks a file first, refuses to write one with a bad row, and writes a good one on confirmation', async () => {
  const page = await browser.open('/');
  await signInAs(page, 'coordinator');
  await page.goto(`/alliances/${tangyuan}`);
  const panel = page.getByTestId('alliance-import');
  await panel.waitFor();
  const file = await template(page);
  const before = await meetingCount();

  const input = panel.locator('input[name="alliance-file"]');
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  await input.setInputFiles({
    name: '联盟数据.xlsx',
    mimeType: xlsx,
    buffer: await withMeetings(file, [
      { 会议名称: '浏览器导入：年度联席会议', 召开时间: '2026-12-20 09:00' },
      { 会议名称: '浏览器导入：时间写错', 召开时间: '年底' },
    ]),
  });
  await panel.locator('[data-action="check"]').click();
  const check = panel.getByTestId('import-check');
  await check.getByText('有错误 1 条').waitFor();
  expect(await check.locator('tr[data-outcome="INVALID"] [data-code]').allTextContents()).toEqual([
    expect.stringContaining('「召开时间」不是有效日期'),
  ]);
  expect(await panel.locator('[data-action="confirm"]').isDisabled()).toBe(true);
  expect(await meetingCount()).toBe(before);

  await input.setInputFiles({
    name: '联盟数据.xlsx',
    mimeType: xlsx,
    buffer: await withMeetings(file, [{ 会议名称: '浏览器导入：年度联席会议', 召开时间: '2026-12-20 09:00', 地点: '棠园村会议室' }]),
  });
  await panel.locator('[data-action="check"]').click();
  await panel.getByText('检查结果：将新建 1 条').waitFor();
  expect(await meetingCount()).toBe(before);
  await panel.locator('[data-action="confirm"]').click();
  await panel.getByTestId('import-done').getByText('导入完成：新建 1 条').waitFor();
  await screenshot(page, 'alliance-import-done-1280x720');
  expect(await meetingCount()).toBe(before + 1);
});
