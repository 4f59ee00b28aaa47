import { join } from 'node:path';
import { addDays, hubDay } from '@hub/contracts';
import { type RunningStack, repoRoot } from '@hub/testkit';
import { ensureWebBuilt } from '@hub/web/ensure-built';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, eventually, startTestHub } from '../support/hub.ts';
import { untilRelayed } from '../support/publishing.ts';
import { type OpenBrowser, openBrowser, screenshot } from './support/chromium.ts';
import { signInAs } from './support/sign-in.ts';

/**
 * 三张清单 and 领办 in Chromium, as the editors would do it: the widening project's editor
 * publishes a need, the institute's editor a resource; the need's page proposes the resource
 * with its reasons; the institute claims the need, the widening project accepts; each editor
 * finds its draft commitment in 我的承诺事项, publishes and completes it; the widening project
 * evaluates and the project is closed (已销号). A draft need stays invisible to the other
 * partner; the forms refuse bad input before sending. Each editor has its own browser (a session
 * lives in one profile). Screenshots at 1366×768 and 390×844 go to .data/screenshots/cobuild/.
 */

const port = Number(process.env.HUB_COBUILD_BROWSER_PORT ?? 5600);
const origin = `http://127.0.0.1:${port}`;
const allianceId = demo.alliances.highway;
const desktop = { width: 1366, height: 768 };
const phone = { width: 390, height: 844 };
const screensDir = join(repoRoot, '.data/screenshots/cobuild');
const today = hubDay(new Date());
const needTitle = '高边坡施工安全技术指导（浏览器测试）';
const resourceTitle = '边坡与桥梁检测专家团队（浏览器测试）';

let stack: RunningStack;
let widening: OpenBrowser;
let institute: OpenBrowser;

beforeAll(async () => {
  const webDist = await ensureWebBuilt();
  stack = await startTestHub(port, { databasePrefix: 'hub_browser_cobuild_', webDist });
  await untilRelayed(stack);
  widening = await openBrowser(origin);
  institute = await openBrowser(origin);
});

afterAll(async () => {
  await widening?.close();
  await institute?.close();
  await stack?.stop();
});

/** Elements of the page's main area whose content is wider than they are (cut off or spilling over), and the page's own width. */
async function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      found.push(`page ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const element of document.querySelectorAll<HTMLElement>('.app-main, .app-main *, .app-header, .app-header *')) {
      const style = getComputedStyle(element);
      // A control scrolls its own text; an element that scrolls sideways shows it can.
      // …and a visually hidden label is clipped on purpose.
      const scrolls =
        style.overflowX === 'auto' || style.overflowX === 'scroll' || element.matches('input, textarea, select, .visually-hidden');
      if (style.display === 'inline' || element.clientWidth === 0 || scrolls) {
        continue;
      }
      const box = element.getBoundingClientRect();
      if (element.scrollWidth > element.clientWidth + 1 || box.right > width + 1) {
        found.push(
          `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} ${element.scrollWidth}/${element.clientWidth} right ${Math.round(box.right)}`,
        );
      }
    }
    return found;
  });
}

/**
 * Screenshots of a page at the desktop and the phone size (scrolled to `focus` when given); on
 * the phone nothing of the main area may be wider than its container.
 */
async function screenshots(page: Page, name: string, focus?: Locator): Promise<void> {
  for (const [size, label] of [
    [desktop, '1366x768'],
    [phone, '390x844'],
  ] as const) {
    await page.setViewportSize(size);
    await focus?.first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
    if (size === phone) {
      expect(await overflows(page)).toEqual([]);
    }
    await screenshot(page, `${name}-${label}`, screensDir);
  }
  await page.setViewportSize(desktop);
}

async function signedIn(browser: OpenBrowser, user: string): Promise<Page> {
  const page = await browser.open('/', desktop);
  await signInAs(page, user);
  return page;
}

/** Fills the need or resource form (the first kind of help only). */
async function fillItem(
  page: Page,
  fields: { title: string; category: string; tags: string; place: string; dates: Record<string, string>; help: [string, string, string] },
) {
  await page.locator('input[name="title"]').fill(fields.title);
  await page.locator('select[name="category"]').selectOption(fields.category);
  await page.locator('input[name="tags"]').fill(fields.tags);
  await page.locator('input[name="place"]').fill(fields.place);
  for (const [name, value] of Object.entries(fields.dates)) {
    await page.locator(`input[name="${name}"]`).fill(value);
  }
  const [kind, amount, unit] = fields.help;
  await page.locator('select[name="help.0.kind"]').selectOption(kind);
  await page.locator('input[name="help.0.amount"]').fill(amount);
  await page.locator('input[name="help.0.unit"]').fill(unit);
}

/** The error shown under the control named `name`, and the control's own description pointing at it. */
async function fieldError(page: Page, name: string): Promise<string> {
  const control = page.locator(`[name="${name}"]`);
  const describedBy = (await control.getAttribute('aria-describedby')) ?? '';
  expect(await control.getAttribute('aria-invalid')).toBe('true');
  const error = page.locator('.field', { has: control }).locator('.field__error');
  expect(await error.getAttribute('role')).toBe('alert');
  expect(describedBy.split(' ')).toContain(await error.getAttribute('id'));
  return error.innerText();
}

/** Publishes and completes the editor's commitment at `path` through the commitment's own page. */
async function publishAndComplete(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('[data-action="publish"]').click();
  await page.getByText('已发布到共建清单').waitFor();
  await page.locator('[data-action="complete"]').click();
  await page.getByRole('button', { name: '确认销项' }).click();
  await page.getByText('已完成销项。').waitFor();
}

describe('三张清单 in the web app', () => {
  let needPath = '';
  let projectPath = '';

  it('checks a need with the API’s rules before sending, the errors beside their fields and announced', async () => {
    const page = await signedIn(widening, 'enterprise-editor');
    await page.goto('/my/needs');
    await page.getByRole('heading', { name: '我的需求' }).waitFor();
    await page.locator('[data-action="new"]').click();
    await page.getByRole('heading', { name: '发布需求' }).waitFor();
    let sent = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.postData()?.includes('CreateNeed')) {
        sent += 1;
      }
    });
    await page.locator('input[name="title"]').fill('   ');
    await page.locator('input[name="tags"]').fill('标'.repeat(31));
    await page.locator('input[name="help.0.amount"]').fill('-3');
    await page.getByRole('button', { name: '保存为草稿' }).click();
    expect(await fieldError(page, 'title')).toBe('此项为必填项');
    expect(await fieldError(page, 'category')).toBe('请选择一项');
    expect(await fieldError(page, 'tags')).toBe('不能超过 30 个字');
    expect(await fieldError(page, 'help.0.kind')).toBe('请选择一项');
    expect(await fieldError(page, 'help.0.amount')).toBe('必须大于 0');
    await page.locator('.form__summary[role="alert"]').waitFor();
    expect(sent).toBe(0);
    await screenshots(page, 'need-form-errors', page.locator('h1'));
    await screenshots(page, 'need-form-errors-help', page.locator('.rows'));
    await page.close();
  });

  it('publishes a need and a resource; a draft need is the widening project’s alone', async () => {
    const page = await signedIn(widening, 'enterprise-editor');
    await page.goto('/my/needs/new');
    await fillItem(page, {
      title: needTitle,
      category: 'WORK_LINKAGE',
      tags: '高边坡，安全',
      place: '宁海',
      dates: { wantedBy: addDays(today, 60) },
      help: ['EXPERTISE', '3', '人'],
    });
    await page.locator('textarea[name="description"]').fill('K1520 段高边坡开挖，需要边坡稳定监测和安全技术指导。');
    await page.getByRole('button', { name: '保存为草稿' }).click();
    await page.getByText('已保存为草稿，只有本单位可见。').waitFor();
    const needId = await page.locator('[data-item-id]').getAttribute('data-item-id');
    expect(needId).toBeTruthy();
    needPath = `/cobuild/${allianceId}/needs/${needId}`;

    // The institute's editor cannot see the draft, on its page or in the list.
    const other = await signedIn(institute, 'university-editor');
    await other.goto(needPath);
    await other.getByText('找不到这项需求').waitFor();
    await other.goto(`/cobuild/${allianceId}`);
    await other.getByTestId('cobuild-needs').waitFor();
    expect(await other.getByTestId('cobuild-needs').getByText(needTitle).count()).toBe(0);

    await page.locator('[data-action="publish"]').click();
    await page.getByText('已发布，联盟成员可以看到。').waitFor();
    await page.locator('.badge', { hasText: '已发布' }).waitFor();
    await page.goto('/my/needs');
    await page.getByTestId('my-needs').getByText(needTitle).waitFor();

    await other.goto('/my/resources/new');
    await fillItem(other, {
      title: resourceTitle,
      category: 'WORK_LINKAGE',
      tags: '高边坡 检测',
      place: '宁海',
      dates: { availableFrom: today, availableUntil: addDays(today, 180) },
      help: ['EXPERTISE', '5', '人'],
    });
    await other.locator('textarea[name="conditions"]').fill('提前一周预约，现场需配合提供边坡资料。');
    await other.getByRole('button', { name: '保存为草稿' }).click();
    await other.getByText('已保存为草稿，只有本单位可见。').waitFor();
    await other.locator('[data-action="publish"]').click();
    await other.getByText('已发布，联盟成员可以看到。').waitFor();
    await Promise.all([page.close(), other.close()]);
  });

  it('proposes the institute’s resource for the need with its reasons; the institute claims, the widening project accepts', async () => {
    const page = await signedIn(widening, 'enterprise-editor');
    await page.goto(needPath);
    await page.getByRole('heading', { name: needTitle }).waitFor();
    await page.getByText('K1520 段高边坡开挖').waitFor(); // the description, read from the partner's subgraph
    const match = page.getByTestId('matches').locator('li', { hasText: resourceTitle });
    await match.waitFor({ timeout: 30_000 }); // the index learns of both through the partners' outboxes, live
    await match.locator('[data-reason="SAME_CATEGORY"]', { hasText: '同属“工作联动”' }).waitFor();
    await match.locator('[data-reason="SHARED_TAGS"]', { hasText: '高边坡' }).waitFor();
    await match.getByText('交通工程研究所').waitFor();
    await screenshots(page, 'need-matches', page.getByTestId('matches'));

    // The wall follows 三张清单 live.
    const wall = await institute.open(`/wall/${allianceId}`, { width: 1920, height: 1080 });
    await wall.getByTestId('wall-cobuild').waitFor();
    await wall.locator('[data-live-status="connected"]').waitFor({ timeout: 30_000 });
    const openBefore = Number(await wall.getByTestId('wall-open-needs').innerText());

    const claimant = await signedIn(institute, 'university-editor');
    await claimant.goto(needPath);
    const form = claimant.getByTestId('claim-form');
    await form.waitFor();
    expect(await page.getByTestId('claim-form').count()).toBe(0); // not for the needing partner
    await form.getByRole('button', { name: '提交认领' }).click();
    expect(await fieldError(claimant, 'proposal')).toBe('此项为必填项');
    await eventually(async () => (await form.locator('select[name="resourceId"]').inputValue()) !== '');
    await form.locator('textarea[name="proposal"]').fill('派出 3 名边坡监测专家驻场两周，提供监测方案和安全技术交底。');
    await form.getByRole('button', { name: '提交认领' }).click();
    await claimant.getByTestId('claims').locator('[data-status="PENDING"]', { hasText: '交通工程研究所' }).waitFor();
    await claimant.getByTestId('claim-form').waitFor({ state: 'detached' });
    await wall.getByTestId('wall-cobuild-feed').locator('.feed__entry--live[data-action="CLAIMED"]').waitFor({ timeout: 15_000 });
    expect(Number(await wall.getByTestId('wall-open-needs').innerText())).toBe(openBefore); // a claimed need still waits for its answer
    await screenshot(wall, 'wall-1920x1080', screensDir);
    await wall.setViewportSize(phone);
    await wall.getByTestId('wall-cobuild').scrollIntoViewIfNeeded();
    expect(await wall.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(wall, 'wall-cobuild-390x844', screensDir);
    await wall.close();

    // The widening project sees the claim live and accepts it; the project follows.
    const pending = page.getByTestId('claims').locator('[data-status="PENDING"]');
    await pending.waitFor({ timeout: 15_000 });
    await screenshots(page, 'need-claimed', page.getByTestId('claims'));
    await pending.locator('[data-action="accept"]').click();
    await page.getByTestId('claims').locator('[data-status="ACCEPTED"]').waitFor();
    await page.locator('[data-action="open-project"]').click();
    await page.waitForURL(/\/projects\//);
    projectPath = new URL(page.url()).pathname;
    await page.locator('.cobuild__project[data-status="ACTIVE"]').waitFor();
    await Promise.all([page.close(), claimant.close()]);
  });

  it('gives each partner its draft commitment; both publish and complete it; the widening project evaluates and the project is closed', async () => {
    const editors = [
      { browser: widening, user: 'enterprise-editor', partnerId: demo.partners.widening },
      { browser: institute, user: 'university-editor', partnerId: demo.partners.institute },
    ];
    const pages: Page[] = [];
    for (const { browser, user, partnerId } of editors) {
      const page = await signedIn(browser, user);
      pages.push(page);
      await page.goto(projectPath);
      // The partner's subgraph pulls its assignment and creates the draft; the project's page links to it.
      const link = page.locator(`[data-testid="project-commitments"] tr[data-partner-id="${partnerId}"] a`);
      await eventually(
        async () => {
          if ((await link.count()) > 0) {
            return true;
          }
          await page.reload();
          await page.getByTestId('project-commitments').waitFor();
          return false;
        },
        30_000,
        500,
      );
      const commitmentPath = (await link.getAttribute('href')) ?? '';
      expect(commitmentPath).toMatch(/^\/my\/commitments\//);
      await page.goto('/my/commitments');
      const row = page.locator(`[data-testid="my-commitments"] tr[data-commitment-id="${commitmentPath.split('/').pop()}"]`);
      await row.locator('.badge', { hasText: '草稿' }).waitFor();
      await publishAndComplete(page, commitmentPath);
    }
    const [needing] = pages as [Page, Page];
    await needing.goto(projectPath);
    await screenshots(needing, 'project-active', needing.getByTestId('project-commitments'));
    const form = needing.getByTestId('evaluation-form');
    await form.waitFor({ timeout: 30_000 }); // delivered once the alliance's index shows both completed
    await form.getByRole('button', { name: '提交评价并销号' }).click();
    expect(await form.locator('.choice-group .field__error').innerText()).toBe('此项为必填项');
    await form.getByLabel('5 非常满意').check();
    await form.locator('textarea[name="comment"]').fill('专家驻场及时，监测方案切实可行。');
    await form.getByRole('button', { name: '提交评价并销号' }).click();
    await needing.locator('.cobuild__project[data-status="CLOSED"]').waitFor();
    await needing.locator('.badge', { hasText: '已销号' }).first().waitFor();
    await needing.getByTestId('evaluation').getByText('专家驻场及时').waitFor();
    await needing.getByTestId('project-history').locator('[data-action="EVALUATED"]').waitFor();
    await screenshots(needing, 'project-closed');
    await screenshots(needing, 'project-closed-history', needing.getByTestId('project-history'));

    // The giving partner's page shows it closed too, live.
    const giving = pages[1] as Page;
    await giving.goto(projectPath);
    await giving.locator('.cobuild__project[data-status="CLOSED"]').waitFor();
    await Promise.all(pages.map((page) => page.close()));
  });

  it('shows the lists, the figures and the claim hall to every signed-in reader', async () => {
    const page = await signedIn(institute, 'university-editor');
    await page.goto(`/cobuild/${allianceId}`);
    const row = page.getByTestId('cobuild-needs').locator('tr', { hasText: needTitle });
    await row.locator('.badge', { hasText: '已销号' }).waitFor();
    await screenshots(page, 'lists-needs');
    await page.getByRole('link', { name: '资源清单' }).click();
    await page.getByTestId('cobuild-resources').getByText(resourceTitle).waitFor();
    await screenshots(page, 'lists-resources');
    await page.getByRole('link', { name: '项目清单' }).click();
    await page.getByTestId('cobuild-projects').locator('tr', { hasText: needTitle }).waitFor();
    const figures = page.getByTestId('cobuild-figures');
    await figures.waitFor();
    expect(
      Number(await figures.locator(`tr[data-partner-id="${demo.partners.widening}"] [data-figure="needsMet"]`).innerText()),
    ).toBeGreaterThan(0);
    expect(
      Number(await figures.locator(`tr[data-partner-id="${demo.partners.institute}"] [data-figure="resourcesGiven"]`).innerText()),
    ).toBeGreaterThan(0);
    await screenshots(page, 'lists-projects');
    await screenshots(page, 'lists-figures', figures);
    await page.getByRole('link', { name: /领办大厅/ }).click();
    await page.getByTestId('claim-hall-count').waitFor();
    await screenshots(page, 'lists-hall');
    await page.close();
  });
  it('lets the coordinator set the claim hall’s days, checked with the API’s rule', async () => {
    const page = await signedIn(institute, 'coordinator');
    await page.goto(`/cobuild/${allianceId}/hall`);
    const form = page.locator('form[aria-label="领办大厅规则"]');
    await form.locator('input[name="claimHallDays"]').fill('400');
    await form.getByRole('button', { name: '保存' }).click();
    expect(await fieldError(page, 'claimHallDays')).toBe('请输入 1 到 365 之间的整数');
    const before = await page.getByTestId('claim-hall-count').innerText();
    await form.locator('input[name="claimHallDays"]').fill('1');
    await form.getByRole('button', { name: '保存' }).click();
    await form.getByText('已保存。').waitFor();
    // Every need published a day ago or more and still unclaimed is in the hall now, live.
    await page
      .getByTestId('claim-hall-count')
      .getByText(/发布满 1 天/)
      .waitFor();
    expect(await page.getByTestId('claim-hall-count').innerText()).not.toBe(before);
    await screenshots(page, 'lists-hall-coordinator', form);
    await page.close();
  });
});
