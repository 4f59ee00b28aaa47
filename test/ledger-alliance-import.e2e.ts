import { randomUUID } from 'node:crypto';
import type { RunningStack } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, gql, startTestHub, type TestUser, tokenFor } from './support/hub.ts';
import { bytesOf, type CellValue, ExcelJS, JSZip, openWorkbook, rowsBelowHeader } from './support/ledger-files.ts';
import { people, sql } from './support/publishing.ts';

/**
 * The coordinator's import of an alliance's own data (its members with their liaisons, its joint
 * meetings) through the gateway's /ledger routes on a whole hub: the template downloaded and
 * filled in, a dry run that writes nothing, a confirm that writes every row or none, a repeat
 * that creates nothing, hostile files refused, and only the coordinator let in.
 */

const port = 5400;
let hub: RunningStack;
let origin: string;
let allianceId: string;
/** Each registered partner's 单位类型, as the template's list has it. */
const kindOf: Record<string, string> = {};
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const users = {
  coordinator: people.coordinator,
  viewer: people.viewer,
  widening: people.wideningEditor,
} satisfies Record<string, TestUser>;
const tokens: Partial<Record<keyof typeof users, string>> = {};
type Who = keyof typeof users | null;

beforeAll(async () => {
  hub = await startTestHub(port, { env: { HUB_RATE_LIMIT_PER_MINUTE: '10000000' } });
  origin = new URL(hub.gatewayUrl).origin;
  for (const [name, user] of Object.entries(users)) {
    tokens[name as keyof typeof users] = await tokenFor(user);
  }
  const created = await gql(
    hub.gatewayUrl,
    `mutation { createAlliance(input: { name: "导入测试联盟", coordinatorName: "两新工委", foundedOn: "2026-01-01" }) { id } }`,
    {},
    tokens.coordinator,
  );
  expect(created.errors).toBeUndefined();
  allianceId = created.data.createAlliance.id;
  const kinds = await gql(hub.gatewayUrl, 'query { partnerKinds { namespace label { zh } } }', {}, tokens.coordinator);
  for (const kind of kinds.data.partnerKinds) {
    const partners = await gql(hub.gatewayUrl, `query { ${kind.namespace} { partners { id } } }`, {}, tokens.coordinator);
    for (const partner of partners.data[kind.namespace].partners) {
      kindOf[partner.id] = kind.label.zh;
    }
  }
});

afterAll(async () => {
  await hub?.stop();
});

function call(who: Who, path: string, init: RequestInit = {}): Promise<Response> {
  const token = who ? tokens[who] : undefined;
  return fetch(`${origin}${path}`, {
    ...init,
    headers: { ...(init.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

async function template(who: Who = 'coordinator'): Promise<Buffer> {
  const response = await call(who, `/ledger/alliance-template.xlsx?alliance=${allianceId}`);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('content-type')).toBe(xlsxType);
  return Buffer.from(await response.arrayBuffer());
}

async function importFile(who: Who, file: Buffer | string, dryRun: boolean) {
  const body = typeof file === 'string' ? file : new Uint8Array(file);
  const response = await call(who, `/ledger/alliance-import?alliance=${allianceId}&dryRun=${dryRun ? 1 : 0}`, {
    method: 'POST',
    body,
    headers: { 'content-type': xlsxType },
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** The template with rows filled in from row 4 of the sheet `sheetName`, cells by header. */
async function fill(file: Buffer, sheets: Record<string, Record<string, CellValue>[]>): Promise<Buffer> {
  const workbook = await openWorkbook(file);
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) {
      throw new Error(`the template has no ${sheetName} sheet`);
    }
    const headers = (sheet.getRow(3).values as unknown[]).map((value) => String(value ?? '').replace('*', ''));
    let next = 4;
    while (sheet.getRow(next).getCell(1).value) {
      next += 1;
    }
    rows.forEach((row, index) => {
      for (const [header, value] of Object.entries(row)) {
        const column = headers.indexOf(header);
        if (column < 1) {
          throw new Error(`${sheetName} has no ${header} column`);
        }
        sheet.getRow(next + index).getCell(column).value = value;
      }
    });
  }
  return bytesOf(workbook);
}

/** What the alliance's database holds of this alliance: members and meetings. */
async function stored() {
  const [row] = await sql(
    hub.databaseUrls.alliance!,
    `select (select count(*) from membership where alliance_id = $1)::int as members,
            (select count(*) from joint_meeting where alliance_id = $1)::int as meetings`,
    [allianceId],
  );
  return row as { members: number; meetings: number };
}

const members = () => [
  {
    单位名称: '改扩建项目部',
    单位编号: demo.partners.widening,
    单位类型: kindOf[demo.partners.widening],
    联络人: '张伟',
    联络人职务: '党支部书记',
  },
  {
    单位名称: '棠园村',
    单位编号: demo.partners.tangyuanVillage,
    单位类型: kindOf[demo.partners.tangyuanVillage],
    联络人: '陈秀英',
    加入日期: new Date('2026-02-01T00:00:00Z'),
  },
];
const meetings = [
  {
    会议名称: '第一次联席会议',
    召开时间: new Date('2026-03-05T09:30:00Z'),
    地点: '指挥部会议室',
    议程: '通报进展、部署任务',
    会议决定: '按月通报',
  },
  { 会议名称: '第二次联席会议', 召开时间: '2026-06-05 14:00' },
];

describe('the alliance data template', () => {
  it('has the members and meetings sheets, with the alliance’s present members filled in', async () => {
    const workbook = await openWorkbook(await template());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['成员单位', '联席会议', '填写说明']);
    expect(workbook.getWorksheet('成员单位')?.getRow(3).values).toEqual([
      undefined,
      '单位名称*',
      '单位编号*',
      '单位类型*',
      '联络人',
      '联络人职务',
      '加入日期',
    ]);
    expect(rowsBelowHeader(workbook.getWorksheet('联席会议')!, '会议名称*')).toEqual([]);
  });
});

describe('the import', () => {
  it('in a dry run reports every row and writes nothing; confirmed, writes them all; again, creates nothing', async () => {
    const file = await fill(await template(), { 成员单位: members(), 联席会议: meetings });
    const before = await stored();
    const dry = await importFile('coordinator', file, true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, created: 4, existing: 0, invalid: 0 });
    expect(
      dry.body.rows.map((row: { sheetName: string; line: number; outcome: string }) => [row.sheetName, row.line, row.outcome]),
    ).toEqual([
      ['成员单位', 4, 'CREATE'],
      ['成员单位', 5, 'CREATE'],
      ['联席会议', 4, 'CREATE'],
      ['联席会议', 5, 'CREATE'],
    ]);
    expect(await stored()).toEqual(before);

    const confirmed = await importFile('coordinator', file, false);
    expect(confirmed.body).toMatchObject({ dryRun: false, applied: true, created: 4, invalid: 0 });
    expect(await stored()).toEqual({ members: before.members + 2, meetings: before.meetings + 2 });
    const alliance = await gql(
      hub.gatewayUrl,
      'query($id: ID!) { alliance(id: $id) { members { partnerId name liaison { name title } joinedOn } } }',
      { id: allianceId },
      tokens.coordinator,
    );
    expect(alliance.data.alliance.members).toEqual(
      expect.arrayContaining([
        {
          partnerId: demo.partners.widening,
          name: '改扩建项目部',
          liaison: { name: '张伟', title: '党支部书记' },
          joinedOn: expect.any(String),
        },
        { partnerId: demo.partners.tangyuanVillage, name: '棠园村', liaison: { name: '陈秀英', title: null }, joinedOn: '2026-02-01' },
      ]),
    );
    const [first] = await sql(
      hub.databaseUrls.alliance!,
      `select held_at, agenda from joint_meeting where alliance_id = $1 and title = '第一次联席会议'`,
      [allianceId],
    );
    // The cell's wall clock is Beijing time.
    expect(new Date(first.held_at).toISOString()).toBe('2026-03-05T01:30:00.000Z');
    expect(first.agenda).toEqual(['通报进展', '部署任务']);

    const again = await importFile('coordinator', file, false);
    expect(again.body).toMatchObject({ applied: true, created: 0, existing: 4, invalid: 0 });
    expect(await stored()).toEqual({ members: before.members + 2, meetings: before.meetings + 2 });
  });

  it('re-imports its own template (members filled in) without a change', async () => {
    const before = await stored();
    expect(before.members).toBeGreaterThan(0);
    const { body } = await importFile('coordinator', await template(), false);
    expect(body).toMatchObject({ applied: true, created: 0, existing: before.members, invalid: 0 });
    expect(await stored()).toEqual(before);
  });

  it('writes nothing when one row is bad, and names every problem with a stable code in Chinese and English', async () => {
    const file = await fill(await template(), {
      成员单位: [
        { 单位名称: '交通研究院', 单位编号: demo.partners.institute, 单位类型: kindOf[demo.partners.institute] },
        { 单位名称: '未登记的单位', 单位编号: randomUUID(), 单位类型: kindOf[demo.partners.widening] },
        { 单位名称: '乱写类型', 单位编号: demo.partners.trafficPolice, 单位类型: '外星单位' },
        { 单位名称: '坏编号', 单位编号: 'not-an-id', 单位类型: kindOf[demo.partners.widening] },
        { 单位名称: '交通研究院', 单位编号: demo.partners.institute, 单位类型: kindOf[demo.partners.institute] },
        { 单位名称: 'x'.repeat(201), 单位编号: demo.partners.widening, 单位类型: kindOf[demo.partners.widening] },
      ],
      联席会议: [
        { 会议名称: '第三次联席会议', 召开时间: '2026-09-01' },
        { 会议名称: '无时间的会议' },
        { 会议名称: '坏时间', 召开时间: '九月初' },
        { 会议名称: { formula: 'CONCAT("a","b")', result: 'ab' }, 召开时间: '2026-09-02' },
      ],
    });
    const before = await stored();
    const { status, body } = await importFile('coordinator', file, false);
    expect(status).toBe(200);
    expect(body).toMatchObject({ applied: false, invalid: 8 });
    const codes = body.rows.map((row: { outcome: string; issues: { code: string }[] }) => [
      row.outcome,
      row.issues.map((issue) => issue.code),
    ]);
    expect(codes).toEqual([
      // The template's own rows: the members the alliance has.
      ['EXISTS', []],
      ['EXISTS', []],
      ['CREATE', []],
      ['INVALID', ['UNKNOWN_PARTNER']],
      ['INVALID', ['UNKNOWN_KIND']],
      ['INVALID', ['BAD_ID']],
      ['INVALID', ['DUPLICATE_IN_FILE']],
      ['INVALID', ['TOO_LONG']],
      ['CREATE', []],
      ['INVALID', ['REQUIRED']],
      ['INVALID', ['BAD_DATE']],
      ['INVALID', ['FORMULA']],
    ]);
    for (const row of body.rows) {
      for (const issue of row.issues) {
        expect(issue.message.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(issue.message.en).toMatch(/[a-z]/);
      }
    }
    expect(await stored()).toEqual(before);
  });

  describe('of a hostile file', () => {
    async function refusedFile(file: Buffer | string, status: number, reason: string) {
      const before = await stored();
      const answer = await importFile('coordinator', file, false);
      expect([answer.status, answer.body.errors?.[0]?.extensions?.reason]).toEqual([status, reason]);
      expect(answer.body.errors[0].extensions.code).toBe(status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_USER_INPUT');
      expect(answer.body.errors[0].extensions.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(await stored()).toEqual(before);
    }

    it('refuses one too big, no workbook, a zip bomb, too many rows, no known sheet', async () => {
      await refusedFile(Buffer.alloc(3 * 1024 * 1024, 1), 413, 'TOO_LARGE');
      await refusedFile('单位名称,单位编号\n', 400, 'NOT_XLSX');
      const bomb = await JSZip.loadAsync(await template());
      bomb.file('xl/media/image1.png', Buffer.alloc(40 * 1024 * 1024), { compression: 'DEFLATE' });
      await refusedFile(await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 400, 'UNPACKED_TOO_LARGE');
      const rows = Array.from(
        { length: 100_000 },
        (_, index) => `<row r="${index + 4}"><c r="A${index + 4}" t="inlineStr"><is><t>单位${index}</t></is></c></row>`,
      ).join('');
      const many = await JSZip.loadAsync(await template());
      many.file(
        'xl/worksheets/sheet1.xml',
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
      );
      await refusedFile(await many.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 400, 'TOO_MANY_ROWS');
      const other = new ExcelJS.Workbook();
      other.addWorksheet('Sheet1').addRows([
        ['名称', '日期'],
        ['x', 'y'],
      ]);
      await refusedFile(await bytesOf(other), 400, 'NO_SHEET');
    });
  });

  it('refuses a file whose text is too much for one call to the alliance subgraph, and writes nothing', async () => {
    const long = Array.from({ length: 60 }, (_, index) => ({
      会议名称: `长会议${index}`,
      召开时间: '2026-11-01',
      会议决定: '议'.repeat(20_000),
    }));
    const before = await stored();
    const answer = await importFile('coordinator', await fill(await template(), { 联席会议: long }), false);
    expect([answer.status, answer.body.errors?.[0]?.extensions?.reason]).toEqual([413, 'CONTENT_TOO_LARGE']);
    expect(await stored()).toEqual(before);
  });

  it('is the coordinator’s alone: editors, viewers and anonymous callers are refused, and nothing is written', async () => {
    const file = await fill(await template(), { 联席会议: [{ 会议名称: '越权会议', 召开时间: '2026-10-01' }] });
    const before = await stored();
    for (const [who, status, code] of [
      ['widening', 403, 'FORBIDDEN'],
      ['viewer', 403, 'FORBIDDEN'],
      [null, 401, 'UNAUTHENTICATED'],
    ] as const) {
      const imported = await importFile(who, file, false);
      expect([who, imported.status, imported.body.errors?.[0]?.extensions?.code]).toEqual([who, status, code]);
      const downloaded = await call(who, `/ledger/alliance-template.xlsx?alliance=${allianceId}`);
      expect([who, downloaded.status]).toEqual([who, status]);
    }
    const direct = await gql(
      hub.gatewayUrl,
      'mutation($id: ID!) { importAllianceData(allianceId: $id, input: { meetings: [{ line: 1, meeting: { title: "越权", heldAt: "2026-10-01T00:00:00Z", agenda: [] } }] }, dryRun: false) { applied } }',
      { id: allianceId },
      tokens.widening,
    );
    expect(direct.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stored()).toEqual(before);
  });

  it('answers 404 for an alliance that does not exist and 400 for a bad alliance id', async () => {
    const missing = await call('coordinator', `/ledger/alliance-template.xlsx?alliance=${randomUUID()}`);
    expect(missing.status).toBe(404);
    const bad = await call('coordinator', '/ledger/alliance-template.xlsx?alliance=x');
    expect(bad.status).toBe(400);
  });
});
