import { demo } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { ensureWebBuilt } from '@hub/web/ensure-built';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub } from '../support/hub.ts';
import { type OpenBrowser, openBrowser, screenshot } from './support/chromium.ts';
import { signInAs } from './support/sign-in.ts';

interface KindInfo {
  kind: string;
  label: { zh: string };
  fields: {
    name: string;
    type: 'TEXT' | 'COUNT' | 'TEXTS' | 'CHOICES';
    label: { zh: string };
    maxLength: number | null;
    max: number | null;
    choices: { value: string; label: { zh: string } }[];
  }[];
}

/** The hub's gateway port; its subgraphs take the next five. HUB_BROWSER_PORT moves it when 4300 is busy. */
const port = Number(process.env.HUB_BROWSER_PORT ?? 4300);
const origin = `http://127.0.0.1:${port}`;
// The list board only, its pages turning every 2 s: a row looked for by its title shows soon, whichever page it is on.
const wallPath = `/wall/${demo.alliances.highway}?board=list&rotate=2`;

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

  /** The partner kinds as the API describes them to the web app. */
  async function partnerKinds(): Promise<KindInfo[]> {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ partnerKinds { kind label { zh } fields { name type label { zh } maxLength max choices { value label { zh } } } } }',
      }),
    });
    const { data } = (await response.json()) as { data: { partnerKinds: KindInfo[] } };
    return data.partnerKinds;
  }

  /** Checks that the new-commitment form shows each of the kind's own fields as its definition says. */
  async function expectOwnFields(page: Page, kind: KindInfo): Promise<void> {
    for (const field of kind.fields) {
      switch (field.type) {
        case 'TEXT': {
          const input = page.locator(`input[name="${field.name}"][type="text"]`);
          expect(await input.getAttribute('maxlength')).toBe(String(field.maxLength));
          break;
        }
        case 'COUNT':
          expect(await page.locator(`input[name="${field.name}"][type="number"]`).getAttribute('max')).toBe(String(field.max));
          break;
        case 'TEXTS':
          await page.locator(`textarea[name="${field.name}"]`).waitFor();
          break;
        case 'CHOICES': {
          const group = page.locator('fieldset', { has: page.locator('legend', { hasText: field.label.zh }) });
          expect(await group.locator(`input[type="checkbox"][name="${field.name}"]`).count()).toBe(field.choices.length);
          for (const choice of field.choices) {
            await group.getByLabel(choice.label.zh, { exact: true }).waitFor();
          }
          break;
        }
      }
      await page.locator('.field__label', { hasText: field.label.zh }).first().waitFor();
    }
  }

  /** The field (label, control and message) of the control named `name`. */
  const fieldOf = (page: Page, control: string) => page.locator('.field', { has: page.locator(control) });

  async function fillCommon(page: Page, title: string): Promise<void> {
    await page.locator('input[name="title"]').fill(title);
    await page.locator('select[name="category"]').selectOption('WORK_LINKAGE');
    await page.locator('input[name="dueDate"]').fill('2027-06-30');
  }

  it('renders each kind’s own fields from its definition, checks them with the API’s rules and saves them', async () => {
    const kinds = await partnerKinds();
    const kindOf = (value: string) => kinds.find((kind) => kind.kind === value) ?? expect.fail(`no kind ${value}`);

    // 高速交警: a required road section left empty is refused next to its field; the guarantees are choices.
    const police = kindOf('TRAFFIC_POLICE');
    const page = await browser.open('/');
    await signInAs(page, 'traffic-police-editor');
    await page.goto('/my/commitments/new');
    await page.getByRole('button', { name: '保存为草稿' }).waitFor();
    await expectOwnFields(page, police);
    await fillCommon(page, '春运高峰联合保畅（浏览器测试）');
    await page.getByLabel('保畅通', { exact: true }).check();
    await page.getByRole('button', { name: '保存为草稿' }).click();
    const road = fieldOf(page, 'input[name="roadSection"]');
    expect(await road.locator('.field__error').innerText()).toBe('此项为必填项');
    expect(await road.getAttribute('class')).toContain('field--invalid');
    const roadInput = page.locator('input[name="roadSection"]');
    expect(await roadInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await roadInput.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).innerText()).toBe('此项为必填项');
    await screenshot(page, 'editor-kind-form-1920x1080');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await roadInput.scrollIntoViewIfNeeded();
    await screenshot(page, 'editor-kind-form-390x844');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await roadInput.fill('G15 宁海段 K1520—K1535');
    await page.getByRole('button', { name: '保存为草稿' }).click();
    await page.getByText('已保存为草稿').waitFor();
    const facts = page.locator('.facts');
    await facts.locator('.facts__row', { hasText: '路段' }).getByText('G15 宁海段 K1520—K1535').waitFor();
    await facts
      .locator('.facts__row', { hasText: police.fields.find((field) => field.name === 'guarantees')?.label.zh ?? '' })
      .getByText('保畅通')
      .waitFor();
    await page.close();

    // 镇村: a count above its maximum is refused with the maximum; a list is one entry per line.
    const village = kindOf('TOWN_VILLAGE');
    const households = village.fields.find((field) => field.type === 'COUNT') ?? expect.fail('no count field');
    const second = await browser.open('/');
    await signInAs(second, 'town-village-editor');
    await second.goto('/my/commitments/new');
    await second.getByRole('button', { name: '保存为草稿' }).waitFor();
    await expectOwnFields(second, village);
    await fillCommon(second, '征迁户走访与政策宣讲（浏览器测试）');
    await second.locator('input[name="village"]').fill('棠园村');
    await second.locator(`input[name="${households.name}"]`).fill(String((households.max ?? 0) + 1));
    await second.locator('textarea[name="landAcquisitionTasks"]').fill('坟墓迁移\n管线迁改');
    await second.getByRole('button', { name: '保存为草稿' }).click();
    const count = fieldOf(second, `input[name="${households.name}"]`);
    expect(await count.locator('.field__error').innerText()).toBe(`不能大于 ${households.max}`);
    await second.locator(`input[name="${households.name}"]`).fill('120');
    await second.getByRole('button', { name: '保存为草稿' }).click();
    await second.getByText('已保存为草稿').waitFor();
    await second.locator('.facts__row', { hasText: households.label.zh }).getByText('120').waitFor();
    await second.locator('.facts__row', { hasText: '征迁任务' }).getByText('坟墓迁移、管线迁改').waitFor();
    await second.close();
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
