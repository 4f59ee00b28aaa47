import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, eventually, gql, startTestHub, type TestUser, tokenFor } from './support/hub.ts';
import { type CellValue, docxText, ExcelJS, fillTemplate, JSZip, openWorkbook, rowsBelowHeader } from './support/ledger-files.ts';
import { people, sql } from './support/publishing.ts';

/**
 * The coordinator's ledger as files, through the gateway's /ledger routes on a whole hub: the
 * joint list exported as .xlsx and read back; a partner editor's import from the template (dry
 * run, confirm, repeat) and from the export's own layout; hostile files of every class refused
 * with nothing written; who may do what; the report's .docx holding the figures the API gives.
 */

const port = 5100;
let hub: RunningStack;
let origin: string;
const highway = demo.alliances.highway;
const tangyuan = demo.alliances.tangyuan;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const users = {
  coordinator: people.coordinator,
  viewer: people.viewer,
  widening: people.wideningEditor,
  police: people.policeEditor,
  tangyuanVillage: { role: 'partner_editor', partnerId: demo.partners.tangyuanVillage, name: '棠园村党务 · 陈秀英' },
} satisfies Record<string, TestUser>;
const tokens: Partial<Record<keyof typeof users, string>> = {};

beforeAll(async () => {
  // No sweeps: an automatic reminder landing mid-test would change the counts the files are checked
  // against (the sweeps have their own tests in ledger-reminders.e2e.ts).
  hub = await startTestHub(port, { env: { HUB_RATE_LIMIT_PER_MINUTE: '10000000', HUB_REMINDER_SWEEP_MS: '0' } });
  origin = new URL(hub.gatewayUrl).origin;
  for (const [name, user] of Object.entries(users)) {
    tokens[name as keyof typeof users] = await tokenFor(user);
  }
});

afterAll(async () => {
  await hub?.stop();
});

type Who = keyof typeof users | null;

/** A request to a ledger route as `who` (null: anonymous). */
function call(who: Who, path: string, init: RequestInit = {}): Promise<Response> {
  const token = who ? tokens[who] : undefined;
  return fetch(`${origin}${path}`, {
    ...init,
    headers: { ...(init.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

async function download(who: Who, path: string): Promise<Buffer> {
  const response = await call(who, path);
  expect(
    response.status,
    await response
      .clone()
      .text()
      .catch(() => ''),
  ).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** The API's joint list as the coordinator reads it (the export must say the same). */
async function apiList(allianceId: string, filter: Record<string, unknown> = {}) {
  const result = await gql(
    hub.gatewayUrl,
    `query($id: ID!, $filter: CoBuildingListFilter) { alliance(id: $id) { coBuildingList(first: 1000, filter: $filter) { edges { node {
      id title status progress dueDate completedAt light reminderCount partnerId } } } } }`,
    { id: allianceId, filter },
    tokens.coordinator,
  );
  expect(result.errors).toBeUndefined();
  return result.data.alliance.coBuildingList.edges.map((edge: { node: Record<string, any> }) => edge.node);
}

async function apiStats(allianceId: string) {
  const result = await gql(
    hub.gatewayUrl,
    `query($id: ID!) { alliance(id: $id) { lightThresholds { staleDays } } }`,
    { id: allianceId },
    tokens.coordinator,
  );
  const staleDays = result.data.alliance.lightThresholds.staleDays;
  const stats = await gql(
    hub.gatewayUrl,
    `query($id: ID!, $staleDays: Int!) { alliance(id: $id) { stats(staleDays: $staleDays) {
      overall { total completed overdue completionRate averageProgress }
      byPartner { partnerName total completed overdue completionRate }
      byCategory { category total completed overdue }
      stale staleDays } } }`,
    { id: allianceId, staleDays },
    tokens.coordinator,
  );
  expect(stats.errors).toBeUndefined();
  return stats.data.alliance.stats;
}

/** What the enterprise subgraph's database holds: a refused import must leave all of it as it was. */
async function enterpriseRows(): Promise<Record<string, number>> {
  const [row] = await sql(
    hub.databaseUrls.enterprise!,
    `select (select count(*) from commitment) as commitments, (select count(*) from commitment_change) as changes,
       (select count(*) from outbox) as outbox`,
  );
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
}

const template = () => download('widening', '/ledger/import-template.xlsx');

/** POSTs a file to the import route as `who`; the answer's status and JSON body. */
async function importFile(who: Who, file: Buffer | string, query: string) {
  const body = typeof file === 'string' ? file : new Uint8Array(file);
  const response = await call(who, `/ledger/import?${query}`, { method: 'POST', body, headers: { 'content-type': xlsxType } });
  return { status: response.status, body: (await response.json()) as any };
}

describe('the export', () => {
  it('is the joint list as the API gives it: a row per item, dates as dates, numbers as numbers, under a frozen header', async () => {
    const response = await call('coordinator', `/ledger/export.xlsx?alliance=${highway}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(xlsxType);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="ledger-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/,
    );
    const workbook = await openWorkbook(Buffer.from(await response.arrayBuffer()));
    const sheet = workbook.getWorksheet('台账');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const rows = rowsBelowHeader(sheet!, '序号');
    const items = await apiList(highway);
    expect(items.length).toBeGreaterThan(5);
    expect(rows.map((row) => row.事项编号)).toEqual(items.map((item: { id: string }) => item.id));
    const lights: Record<string, string> = { GREEN: '绿灯', YELLOW: '黄灯', RED: '红灯' };
    const statuses: Record<string, string> = { PUBLISHED: '已发布', IN_PROGRESS: '推进中', COMPLETED: '已销项', WITHDRAWN: '已撤回' };
    items.forEach((item: Record<string, any>, index: number) => {
      const row = rows[index]!;
      expect(row.序号).toBe(index + 1);
      expect(row.事项名称).toBe(item.title);
      expect(row['进展 %']).toBe(item.progress);
      expect(typeof row['进展 %']).toBe('number');
      expect(row.状态).toBe(statuses[item.status]);
      expect(row.完成时限).toEqual(item.dueDate ? new Date(`${item.dueDate}T00:00:00Z`) : undefined);
      expect(row.红黄绿灯).toBe(item.light ? lights[item.light] : undefined);
      expect(row.督办次数).toBe(item.reminderCount);
      if (item.completedAt) {
        expect(row.销项日期).toBeInstanceOf(Date);
      }
    });
    const overdue = rows.filter((row) => row.是否逾期 === '是');
    expect(overdue.length).toBe((await apiList(highway, { overdue: true })).length);
    expect(overdue.length).toBeGreaterThan(0);
  });

  it('sums up by partner and category with COUNTIFS formulas over the 台账 sheet, their cached values the API’s figures', async () => {
    const file = await download('coordinator', `/ledger/export.xlsx?alliance=${highway}`);
    const workbook = await openWorkbook(file);
    const summary = workbook.getWorksheet('汇总');
    const stats = await apiStats(highway);
    const cells = new Map<string, CellValue[]>();
    summary?.eachRow((row) => {
      const values = row.values as CellValue[];
      cells.set(String(values[1]), values);
    });
    // exceljs reads a cached 0 back as no result; the XML below shows every formula has one.
    const result = (value: CellValue) => (value as { result?: number }).result ?? 0;
    for (const partner of stats.byPartner) {
      const row = cells.get(partner.partnerName);
      expect(row, partner.partnerName).toBeDefined();
      expect((row?.[2] as { formula: string }).formula).toMatch(/^COUNTIFS\('台账'!\$[A-Z]+\$4:\$[A-Z]+\$\d+,\$A\d+,/);
      expect([result(row?.[2]), result(row?.[3]), result(row?.[4])]).toEqual([partner.total, partner.completed, partner.overdue]);
      expect(result(row?.[5])).toBeCloseTo(partner.completionRate, 6);
    }
    const categoryWords: Record<string, string> = { THEORY_STUDY: '理论联学', WORK_LINKAGE: '工作联动', SHARED_RESPONSIBILITY: '责任联担' };
    for (const category of stats.byCategory.filter((row: { category: string }) => categoryWords[row.category])) {
      const row = cells.get(categoryWords[category.category]!);
      expect([result(row?.[2]), result(row?.[3]), result(row?.[4])]).toEqual([category.total, category.completed, category.overdue]);
    }
    const zip = await JSZip.loadAsync(file);
    const xml = (await zip.file('xl/worksheets/sheet2.xml')?.async('string')) ?? '';
    const formulas = xml.match(/<f>/g)?.length ?? 0;
    expect(formulas).toBeGreaterThan(20);
    expect(xml.match(/<\/f><v>/g)?.length).toBe(formulas);
  });

  it('takes the tracking view’s filters, and covers every alliance when asked', async () => {
    const filtered = await openWorkbook(
      await download(
        'coordinator',
        `/ledger/export.xlsx?alliance=${highway}&status=IN_PROGRESS,COMPLETED&category=WORK_LINKAGE&order=DUE_DATE_DESC`,
      ),
    );
    const rows = rowsBelowHeader(filtered.getWorksheet('台账')!, '序号');
    const items = await apiList(highway, { status: ['IN_PROGRESS', 'COMPLETED'], category: ['WORK_LINKAGE'] });
    expect(rows.map((row) => row.事项编号).sort()).toEqual(items.map((item: { id: string }) => item.id).sort());
    expect(rows.every((row) => row.类别 === '工作联动')).toBe(true);
    const dues = rows.map((row) => (row.完成时限 as Date | undefined)?.toISOString() ?? '');
    expect(dues).toEqual([...dues].sort().reverse());
    expect(String(filtered.getWorksheet('台账')?.getRow(2).getCell(1).value)).toContain('状态：推进中、已销项；类别：工作联动');

    const all = await openWorkbook(await download('coordinator', '/ledger/export.xlsx?alliance=all'));
    const allRows = rowsBelowHeader(all.getWorksheet('台账')!, '序号');
    expect(allRows.length).toBe((await apiList(highway)).length + (await apiList(tangyuan)).length);
    expect(new Set(allRows.map((row) => row.联盟)).size).toBe(2);
  });

  it('is the coordinator’s: others are refused, and bad parameters are 4xx with a stable code', async () => {
    const refusals: [Who, string, number, string][] = [
      [null, `alliance=${highway}`, 401, 'UNAUTHENTICATED'],
      ['viewer', `alliance=${highway}`, 403, 'FORBIDDEN'],
      ['widening', `alliance=${highway}`, 403, 'FORBIDDEN'],
      ['coordinator', 'alliance=00000000-0000-4000-8000-000000000000', 404, 'NOT_FOUND'],
      ['coordinator', 'alliance=../../etc', 400, 'BAD_USER_INPUT'],
      ['coordinator', '', 400, 'BAD_USER_INPUT'],
      ['coordinator', `alliance=${highway}&status=DRAFT`, 400, 'BAD_USER_INPUT'],
      ['coordinator', `alliance=${highway}&kind=NO_SUCH_KIND`, 400, 'BAD_USER_INPUT'],
      ['coordinator', `alliance=${highway}&stale=0`, 400, 'BAD_USER_INPUT'],
      ['coordinator', `alliance=${highway}&partner=1;drop`, 400, 'BAD_USER_INPUT'],
    ];
    for (const [who, query, status, code] of refusals) {
      const response = await call(who, `/ledger/export.xlsx?${query}`);
      expect([query, response.status]).toEqual([query, status]);
      expect((await response.json()).errors[0].extensions.code).toBe(code);
    }
    expect((await call('coordinator', `/ledger/export.xlsx?alliance=${highway}`, { method: 'POST' })).status).toBe(405);
  });
});

describe('the import template', () => {
  it('has the partner kind’s columns and the partner’s own branches to pick from', async () => {
    const workbook = await openWorkbook(await template());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('承诺事项');
    const headers = (sheet.getRow(3).values as string[]).filter(Boolean);
    expect(headers).toEqual([
      '事项名称*',
      '类别*',
      '事项说明',
      '开始日期',
      '完成时限',
      '责任支部',
      '项目',
      '工段',
      '党员先锋岗',
      '党员责任区',
    ]);
    const help = workbook.getWorksheet('填写说明');
    const lists = new Map<string, CellValue[]>();
    help?.eachRow((row) => lists.set(String((row.values as CellValue[])[1]), row.values as CellValue[]));
    expect(lists.get('类别')).toContain('理论联学');
    expect(lists.get('责任支部')).toContain('改扩建项目部工地兼合党支部');
  });

  it('is for partner editors only', async () => {
    expect((await call(null, '/ledger/import-template.xlsx')).status).toBe(401);
    expect((await call('coordinator', '/ledger/import-template.xlsx')).status).toBe(403);
  });
});

describe('an import', () => {
  const query = `alliance=${highway}`;
  const good = [
    {
      事项名称: '导入：高边坡夜间巡查',
      类别: '责任联担',
      开始日期: new Date('2027-01-01T00:00:00Z'),
      完成时限: '2027-03-31',
      责任支部: '改扩建项目部工地兼合党支部',
      项目: '沈海高速宁海段改扩建工程',
      党员先锋岗: 3,
      党员责任区: 'K1505、K1512',
    },
    { 事项名称: '导入：党员示范岗评比', 类别: '组织联建', 完成时限: '2027年6月30日', 事项说明: '每季度评比一次' },
  ];

  it('first shows, row by row and in Chinese, what it would create and every problem, and writes nothing', async () => {
    const file = await fillTemplate(await template(), [
      ...good,
      { 事项名称: '导入：类别写错', 类别: '联合检查', 完成时限: '2027-02-30', 责任支部: '宁海大队党支部' },
      { 事项名称: '导入：党员示范岗评比', 类别: '组织联建', 完成时限: '2027-06-30' },
      { 事项名称: '导入：数字不对', 类别: '组织联建', 党员先锋岗: '三个', 开始日期: '2027-05-01', 完成时限: '2027-04-01' },
      { 事项名称: '每日碰头会协调征迁与施工交通组织', 类别: '工作联动', 完成时限: '2026-09-30' },
    ]);
    const before = await enterpriseRows();
    const { status, body } = await importFile('widening', file, `${query}&dryRun=1`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, applied: false, created: 2, existing: 1, invalid: 3, skipped: 0 });
    const byLine = new Map(body.rows.map((row: { line: number }) => [row.line, row]));
    expect(byLine.get(4)).toMatchObject({
      outcome: 'CREATE',
      title: '导入：高边坡夜间巡查',
      category: '责任联担',
      dueDate: '2027-03-31',
      issues: [],
    });
    const problems = (line: number) => (byLine.get(line) as { issues: { column: string; code: string; message: { zh: string } }[] }).issues;
    expect(problems(6).map((issue) => [issue.column, issue.code])).toEqual([
      ['类别', 'UNKNOWN_CATEGORY'],
      ['完成时限', 'BAD_DATE'],
      ['责任支部', 'UNKNOWN_BRANCH'],
    ]);
    expect(problems(6).map((issue) => issue.message.zh)).toEqual([
      expect.stringContaining('类别「联合检查」不存在'),
      expect.stringContaining('「完成时限」不是有效日期'),
      '责任支部「宁海大队党支部」不是本单位的支部',
    ]);
    expect(problems(7).map((issue) => issue.code)).toEqual(['DUPLICATE_IN_FILE']);
    expect(problems(7)[0]?.message.zh).toBe('与第 5 行重复（事项名称和完成时限相同）');
    expect(problems(8).map((issue) => [issue.column, issue.code])).toEqual([
      ['党员先锋岗', 'NOT_A_NUMBER'],
      ['完成时限', 'DATE_ORDER'],
    ]);
    expect(byLine.get(9)).toMatchObject({ outcome: 'EXISTS', commitmentId: expect.any(String) });
    expect(await enterpriseRows()).toEqual(before);
  });

  it('writes nothing when confirmed with a problem left, then every new row at once, and nothing new the second time', async () => {
    const withProblem = await fillTemplate(await template(), [...good, { 事项名称: '', 类别: '组织联建', 事项说明: '没有名称' }]);
    const before = await enterpriseRows();
    const refused = await importFile('widening', withProblem, `${query}&dryRun=0`);
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ dryRun: false, applied: false, invalid: 1 });
    expect(refused.body.rows.find((row: { line: number }) => row.line === 6).issues[0]).toMatchObject({
      column: '事项名称',
      code: 'REQUIRED',
    });
    expect(await enterpriseRows()).toEqual(before);

    const file = await fillTemplate(await template(), good);
    const first = await importFile('widening', file, `${query}&dryRun=0`);
    expect(first.body).toMatchObject({ dryRun: false, applied: true, created: 2, existing: 0, invalid: 0 });
    const after = await enterpriseRows();
    expect(Number(after.commitments) - Number(before.commitments)).toBe(2);
    const ids = first.body.rows.map((row: { commitmentId: string }) => row.commitmentId);
    const stored = await sql(
      hub.databaseUrls.enterprise!,
      'select title, status, due_date::text as due, start_date::text as start, pioneer_posts, responsibility_zones, branch_id is not null as has_branch from commitment where id = any($1) order by title',
      [ids],
    );
    expect(stored).toEqual([
      {
        title: '导入：党员示范岗评比',
        status: 'DRAFT',
        due: '2027-06-30',
        start: null,
        pioneer_posts: 0,
        responsibility_zones: [],
        has_branch: false,
      },
      {
        title: '导入：高边坡夜间巡查',
        status: 'DRAFT',
        due: '2027-03-31',
        start: '2027-01-01',
        pioneer_posts: 3,
        responsibility_zones: ['K1505', 'K1512'],
        has_branch: true,
      },
    ]);

    const again = await importFile('widening', file, `${query}&dryRun=0`);
    expect(again.body).toMatchObject({ applied: true, created: 0, existing: 2 });
    expect(again.body.rows.map((row: { commitmentId: string }) => row.commitmentId)).toEqual(ids);
    expect(await enterpriseRows()).toEqual(after);
  });

  it('publishes the new rows when asked, so they reach the joint list', async () => {
    const file = await fillTemplate(await template(), [{ 事项名称: '导入并发布：联合宣讲', 类别: '理论联学', 完成时限: '2027-05-31' }]);
    const { body } = await importFile('widening', file, `${query}&dryRun=0&publish=1`);
    expect(body).toMatchObject({ applied: true, publish: true, created: 1 });
    const listed = await eventually(async () =>
      (await apiList(highway)).find((item: { id: string }) => item.id === body.rows[0].commitmentId),
    );
    expect(listed).toMatchObject({ title: '导入并发布：联合宣讲', status: 'PUBLISHED' });
  });

  it('takes the export’s own layout: other partners’ rows skipped, its own found again', async () => {
    const exported = await download('coordinator', `/ledger/export.xlsx?alliance=${highway}`);
    const before = await enterpriseRows();
    const { status, body } = await importFile('widening', exported, `${query}&dryRun=0`);
    expect(status).toBe(200);
    const items = await apiList(highway);
    const own = items.filter((item: { partnerId: string }) => item.partnerId === demo.partners.widening);
    expect(body).toMatchObject({ applied: true, created: 0, invalid: 0, existing: own.length, skipped: items.length - own.length });
    expect(await enterpriseRows()).toEqual(before);
  });

  describe('of a hostile file', () => {
    async function refusedFile(file: Buffer | string, status: number, reason: string) {
      const before = await enterpriseRows();
      const answer = await importFile('widening', file, `${query}&dryRun=0`);
      expect([answer.status, answer.body.errors?.[0]?.extensions?.reason]).toEqual([status, reason]);
      expect(answer.body.errors[0].extensions.code).toBe(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT');
      expect(answer.body.errors[0].extensions.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(await enterpriseRows()).toEqual(before);
    }

    it('refuses one too big to upload', async () => {
      await refusedFile(Buffer.alloc(3 * 1024 * 1024, 1), 413, 'TOO_LARGE');
    });

    it('refuses what is no workbook: nothing, text, a zip of something else', async () => {
      await refusedFile('', 400, 'NOT_XLSX');
      await refusedFile('事项名称,类别\n测试,组织联建\n', 400, 'NOT_XLSX');
      const zip = new JSZip();
      zip.file('readme.txt', 'hello');
      await refusedFile(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 400, 'NOT_XLSX');
    });

    it('stops a zip bomb, honest or lying about its size', async () => {
      const bomb = await JSZip.loadAsync(await fillTemplate(await template(), good));
      bomb.file('xl/media/image1.png', Buffer.alloc(40 * 1024 * 1024), { compression: 'DEFLATE' });
      const file = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
      await refusedFile(file, 400, 'UNPACKED_TOO_LARGE');
      const entry = file.lastIndexOf(Buffer.from('xl/media/image1.png')) - 46;
      expect(file.readUInt32LE(entry)).toBe(0x02014b50);
      file.writeUInt32LE(4096, entry + 24);
      await refusedFile(file, 400, 'UNPACKED_TOO_LARGE');
    });

    it('refuses 100,000 rows before reading them', async () => {
      const rows = Array.from(
        { length: 100_000 },
        (_, index) => `<row r="${index + 4}"><c r="A${index + 4}" t="inlineStr"><is><t>事项${index}</t></is></c></row>`,
      ).join('');
      const zip = await JSZip.loadAsync(await template());
      zip.file(
        'xl/worksheets/sheet1.xml',
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
      );
      await refusedFile(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 400, 'TOO_MANY_ROWS');
    });

    it('refuses a workbook without the template’s sheet', async () => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Sheet1').addRows([
        ['名称', '日期'],
        ['x', 'y'],
      ]);
      await refusedFile(Buffer.from(await workbook.xlsx.writeBuffer()), 400, 'NO_SHEET');
    });

    it('turns formulas and wrong types into problems of their rows, never evaluating them, and writes nothing', async () => {
      const file = await fillTemplate(await template(), [
        { 事项名称: { formula: 'HYPERLINK("http://example.invalid","x")', result: 'x' }, 类别: '组织联建' },
        { 事项名称: '公式日期', 类别: '组织联建', 完成时限: { formula: 'TODAY()+30', result: new Date('2027-01-01T00:00:00Z') } },
        { 事项名称: true, 类别: '组织联建' },
        { 事项名称: '错误值', 类别: { error: '#N/A' } as CellValue },
        { 事项名称: '小数', 类别: '组织联建', 党员先锋岗: 2.5 },
        { 事项名称: new Date('2027-01-01T00:00:00Z'), 类别: '组织联建' },
      ]);
      const before = await enterpriseRows();
      const { body } = await importFile('widening', file, `${query}&dryRun=0`);
      expect(body).toMatchObject({ applied: false, invalid: 6, created: 0 });
      expect(body.rows.map((row: { issues: { code: string }[] }) => row.issues[0]?.code)).toEqual([
        'FORMULA',
        'FORMULA',
        'WRONG_TYPE',
        'WRONG_TYPE',
        'NOT_INTEGER',
        'WRONG_TYPE',
      ]);
      expect(await enterpriseRows()).toEqual(before);
    });
  });

  it('is the partner editor’s own: others are refused', async () => {
    const file = await fillTemplate(await template(), good);
    const before = await enterpriseRows();
    const refusals: [Who, string, number, string][] = [
      [null, query, 401, 'UNAUTHENTICATED'],
      ['viewer', query, 403, 'FORBIDDEN'],
      ['coordinator', query, 403, 'FORBIDDEN'],
      ['tangyuanVillage', query, 403, 'FORBIDDEN'],
      ['widening', `alliance=${tangyuan}`, 403, 'FORBIDDEN'],
      ['widening', 'alliance=00000000-0000-4000-8000-000000000000', 404, 'NOT_FOUND'],
      ['widening', 'alliance=x', 400, 'BAD_USER_INPUT'],
    ];
    for (const [who, params, status, code] of refusals) {
      const answer = await importFile(who, file, `${params}&dryRun=0`);
      expect([who, params, answer.status, answer.body.errors?.[0]?.extensions?.code]).toEqual([who, params, status, code]);
    }
    expect(await enterpriseRows()).toEqual(before);
    // The police editor's file is read by its own kind's columns and written to its own partner only.
    const police = await importFile('police', file, `${query}&dryRun=1`);
    expect(police.status).toBe(200);
    expect(police.body.rows.every((row: { issues: { column: string }[] }) => !row.issues.some((issue) => issue.column === '项目'))).toBe(
      true,
    );
  });
});

describe('the report', () => {
  it('gives the figures the API gives, as JSON for the page and in the .docx', async () => {
    // A reminder on an overdue item, answered: the partner's explanation is that item's reason, and the ledger counts it.
    const late = (await apiList(highway, { overdue: true })).find(
      (item: { partnerId: string }) => item.partnerId === demo.partners.widening,
    );
    expect(late).toBeDefined();
    const replyBy = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const sent = await gql(
      hub.gatewayUrl,
      'mutation($input: ReminderInput!) { sendReminder(input: $input) { id version } }',
      { input: { commitmentId: late.id, message: '请说明逾期原因', replyBy } },
      tokens.coordinator,
    );
    expect(sent.errors).toBeUndefined();
    const answered = await gql(
      hub.gatewayUrl,
      'mutation($id: ID!, $version: Int!, $input: ReminderAnswerInput!) { answerReminder(id: $id, version: $version, input: $input) { status } }',
      { id: sent.data.sendReminder.id, version: sent.data.sendReminder.version, input: { explanation: '整改材料待第三方复核' } },
      tokens.widening,
    );
    expect(answered.errors).toBeUndefined();
    const ledger = rowsBelowHeader(
      (await openWorkbook(await download('coordinator', `/ledger/export.xlsx?alliance=${highway}`))).getWorksheet('台账')!,
      '序号',
    );
    expect(ledger.find((row) => row.事项编号 === late.id)?.督办次数).toBe(1);

    const period = '2026-Q4';
    const response = await call('coordinator', `/ledger/report?alliance=${highway}&period=${period}`);
    expect(response.status).toBe(200);
    const model = (await response.json()) as any;
    const stats = await apiStats(highway);
    expect(model.overall).toMatchObject(stats.overall);
    expect(model.overall.stale).toBe(stats.stale);
    expect(model.byPartner.map((row: any) => [row.partner, row.total, row.completed, row.overdue])).toEqual(
      stats.byPartner.map((row: any) => [row.partnerName, row.total, row.completed, row.overdue]),
    );
    expect(model.lagging.filter((item: any) => item.why === 'OVERDUE').length).toBe(stats.overall.overdue);
    expect(model.lagging.find((item: any) => item.title === late.title)).toMatchObject({
      reason: '整改材料待第三方复核',
      reasonFrom: 'ANSWER',
    });

    const docx = await download('coordinator', `/ledger/report.docx?alliance=${highway}&period=${period}`);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const { text, xml } = await docxText(docx);
    const rate = `${(Math.round(stats.overall.completionRate * 1000) / 10).toFixed(1)}%`;
    expect(text).toContain(`共建清单在册事项 ${stats.overall.total} 项`);
    expect(text).toContain(`已销项 ${stats.overall.completed} 项，完成率 ${rate}`);
    expect(text).toContain(`逾期未完成 ${stats.overall.overdue} 项`);
    for (const partner of stats.byPartner) {
      expect(text).toContain(partner.partnerName);
    }
    for (const item of model.lagging) {
      expect(text).toContain(item.title);
    }
    expect(text).toContain('整改材料待第三方复核');
    expect(text).toContain('一、总体情况');
    expect(xml).toContain('仿宋_GB2312');
  });

  it('covers every alliance, and refuses what it cannot write', async () => {
    const all = await (await call('coordinator', '/ledger/report?alliance=all&period=2026-11')).json();
    const [highwayStats, tangyuanStats] = [await apiStats(highway), await apiStats(tangyuan)];
    expect(all.overall.total).toBe(highwayStats.overall.total + tangyuanStats.overall.total);
    expect(all.byAlliance).toHaveLength(2);
    const refusals: [Who, string, number][] = [
      [null, `alliance=${highway}&period=2026-11`, 401],
      ['widening', `alliance=${highway}&period=2026-11`, 403],
      ['coordinator', `alliance=${highway}&period=2026-13`, 400],
      ['coordinator', `alliance=${highway}&period=1999-Q1`, 400],
      ['coordinator', `alliance=${highway}`, 400],
      ['coordinator', 'alliance=00000000-0000-4000-8000-000000000000&period=2026-11', 404],
    ];
    for (const [who, params, status] of refusals) {
      expect([params, (await call(who, `/ledger/report.docx?${params}`)).status]).toEqual([params, status]);
    }
  });
});
