import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { kindNames } from '@hub/kinds';
import type { RunningStack } from '@hub/testkit';
import { seededDemoUsers } from '../scripts/demo-users.ts';
import { withClient } from '../test/support/bulk.ts';
import { demo } from '../test/support/demo.ts';
import { bulkKinds } from './capacity-seed.ts';
import { summarise } from './deliveries.ts';
import { runLoad } from './gateway/load.ts';
import { jointListQuery, type Workload } from './gateway/workloads.ts';
import { postGraphql } from './graphql-http.ts';
import { processTreeCpuSeconds, sampleProcess } from './process-stats.ts';
import { demoToken } from './tokens.ts';

/** The processes whose CPU is read: name → pid; `postgres` is the postmaster, read with its children. */
export type Processes = Record<string, number>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds used so far by each process (PostgreSQL: the postmaster and its server processes). */
export async function cpuNow(processes: Processes): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(processes).map(
      async ([name, pid]) =>
        [name, name === 'postgres' ? await processTreeCpuSeconds(pid) : (await sampleProcess(pid)).cpuSeconds] as const,
    ),
  );
  return Object.fromEntries(entries);
}

function cpuDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(before).map((name) => [name, (after[name] ?? 0) - (before[name] ?? 0)]));
}

/** Each process's share of one core and RSS over `seconds` of no requests; PostgreSQL's databases and connections. */
export async function measureAtRest(stack: RunningStack, processes: Processes, seconds: number) {
  const before = await cpuNow(processes);
  await sleep(seconds * 1000);
  const cpu = cpuDelta(before, await cpuNow(processes));
  const rssMb: Record<string, number> = {};
  for (const [name, pid] of Object.entries(processes)) {
    if (name !== 'postgres') {
      rssMb[name] = (await sampleProcess(pid)).rssBytes / 2 ** 20;
    }
  }
  const databases = await withClient(stack.postgres.serverUrl, async (client) => {
    const sizes = await client.query<{ name: string; bytes: string; connections: string }>(
      `select d.datname as name, pg_database_size(d.datname) as bytes,
              (select count(*) from pg_stat_activity a where a.datname = d.datname) as connections
         from pg_database d where d.datname = any($1) order by d.datname`,
      [stack.postgres.databases],
    );
    return sizes.rows.map((row) => ({ name: row.name, megabytes: Number(row.bytes) / 2 ** 20, connections: Number(row.connections) }));
  });
  const tables = await withClient(stack.databaseUrls.alliance, async (client) => {
    const { rows } = await client.query<{ bytes: string }>(`select pg_total_relation_size('commitment_index') as bytes`);
    return { commitmentIndexMb: Number(rows[0]?.bytes ?? 0) / 2 ** 20 };
  });
  return {
    seconds,
    cpuPercentOfOneCore: Object.fromEntries(Object.entries(cpu).map(([name, used]) => [name, (used / seconds) * 100])),
    rssMb,
    databases,
    tables,
  };
}

/**
 * The alliance's reminder sweep (督办巡检) judging every open item once a day: after the seed,
 * every item is due, as at each day's first sweep. Waits until none is left to judge today (at
 * most `timeoutSeconds`); items per second from the first item judged, CPU per item.
 */
export async function measureSweep(stack: RunningStack, processes: Processes, timeoutSeconds: number) {
  const remaining = () =>
    withClient(stack.databaseUrls.alliance, async (client) => {
      const { rows } = await client.query<{ n: string }>(
        `select count(*) as n from commitment_index where status in ('PUBLISHED', 'IN_PROGRESS') and (swept_on is null or swept_on < current_date)`,
      );
      return Number(rows[0]?.n ?? 0);
    });
  const before = await cpuNow(processes);
  const atStart = await remaining();
  const started = Date.now();
  let firstJudged: number | null = null;
  let left = atStart;
  while (left > 0 && Date.now() - started < timeoutSeconds * 1000) {
    await sleep(500);
    left = await remaining();
    if (left < atStart) {
      firstJudged ??= Date.now();
    }
  }
  const cpu = cpuDelta(before, await cpuNow(processes));
  const judged = atStart - left;
  const seconds = (Date.now() - (firstJudged ?? started)) / 1000;
  return {
    dueAtStart: atStart,
    judged,
    left,
    seconds,
    itemsPerSecond: judged / seconds,
    cpuMsPerItem: Object.fromEntries(Object.entries(cpu).map(([name, used]) => [name, judged ? (used * 1000) / judged : Number.NaN])),
  };
}

/** A page of `first` items of an alliance's joint list, with its totalCount (every kind's fields, as bench:gateway asks). */
export function pageWorkload(allianceId: string, first: number): Workload {
  return {
    name: `page of ${first} with totalCount`,
    body: JSON.stringify({ query: jointListQuery, variables: { id: allianceId, first } }),
    itemsOf: (data) => data.alliance?.coBuildingList?.edges?.length ?? 0,
    marker: '"__typename":',
  };
}

/** The joint list's totalCount alone. */
export function countWorkload(allianceId: string): Workload {
  return {
    name: 'totalCount only',
    body: JSON.stringify({
      query: 'query($id: ID!) { alliance(id: $id) { coBuildingList(first: 1) { totalCount } } }',
      variables: { id: allianceId },
    }),
    itemsOf: (data) => (typeof data.alliance?.coBuildingList?.totalCount === 'number' ? 1 : 0),
    marker: '"totalCount":',
  };
}

/** Loads one gateway with one workload for `seconds` after a warm-up; req/s, latency, CPU per request per process. */
export async function measureQueries(options: {
  url: string;
  workload: Workload;
  expectedItems: number;
  connections: number;
  seconds: number;
  processes: Processes;
}) {
  const load = (seconds: number) =>
    runLoad({
      url: options.url,
      workload: options.workload,
      expectedItems: options.expectedItems,
      connections: options.connections,
      seconds,
    });
  await load(Math.max(1, Math.round(options.seconds / 3)));
  await sleep(500);
  const before = await cpuNow(options.processes);
  const client = process.cpuUsage();
  const measured = await load(options.seconds);
  await sleep(500);
  const clientCpu = process.cpuUsage(client);
  const cpu = cpuDelta(before, await cpuNow(options.processes));
  return {
    workload: options.workload.name,
    connections: options.connections,
    requests: measured.completed,
    requestsPerSecond: measured.requestsPerSecond,
    p50Ms: measured.p50Ms,
    p99Ms: measured.p99Ms,
    failures: measured.failures,
    cpuMsPerRequest: Object.fromEntries(Object.entries(cpu).map(([name, used]) => [name, (used * 1000) / measured.sent])),
    loadGeneratorCpuMsPerRequest: (clientCpu.user + clientCpu.system) / 1000 / measured.sent,
  };
}

/** One seeded demo partner per kind (members of the highway alliance), its editor's token and a branch. */
async function publishers(stack: RunningStack) {
  const users = await seededDemoUsers();
  const partnerOf: Record<string, string> = {
    enterprise: demo.partners.widening,
    'town-village': demo.partners.ninghai,
    university: demo.partners.institute,
    'traffic-police': demo.partners.trafficPolice,
  };
  return Promise.all(
    bulkKinds.map(async (kind) => {
      const editor = users.find((user) => user.role === 'partner_editor' && user.partnerId === partnerOf[kind.subgraph]);
      if (!editor?.partnerId) {
        throw new Error(`No seeded editor of a highway partner of ${kind.subgraph}`);
      }
      const branchId = await withClient(stack.databaseUrls[kind.subgraph]!, async (client) => {
        const { rows } = await client.query<{ id: string }>('select id from party_branch where partner_id = $1 limit 1', [
          editor.partnerId,
        ]);
        return rows[0]?.id ?? null;
      });
      return {
        kind,
        partnerId: editor.partnerId,
        token: await demoToken(editor.id),
        branchId,
        namespace: kindNames(kind.subgraph).namespace,
      };
    }),
  );
}

/** Undelivered outbox rows over the four kinds' databases. */
async function outboxBacklog(stack: RunningStack): Promise<number> {
  const counts = await Promise.all(
    bulkKinds.map((kind) =>
      withClient(stack.databaseUrls[kind.subgraph]!, async (client) => {
        const { rows } = await client.query<{ n: string }>('select count(*) as n from outbox where delivered_at is null');
        return Number(rows[0]?.n ?? 0);
      }),
    ),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

/**
 * Ingestion as partners publishing in bulk: `count` drafts written into the four kinds' databases
 * (a fixture), then published through the gateway by each kind's editor, `parallel` at a time per
 * kind. Each publish writes an outbox row; the relay delivers it to the alliance, which records
 * an event. Measures the publishes' rate, the alliance's applied events per second (first publish
 * to last event recorded), the lag from a publish's request and acknowledgement to its ingestion, the largest outbox backlog, and CPU per event.
 */
export async function measureIngestion(stack: RunningStack, processes: Processes, count: number, parallel: number) {
  const kinds = await publishers(stack);
  const drafts = kinds.map(() => [] as string[]);
  for (const [k, publisher] of kinds.entries()) {
    const columns = Object.keys(publisher.kind.extra);
    const ids = Array.from({ length: Math.ceil(count / kinds.length) }, () => randomUUID());
    drafts[k] = ids;
    await withClient(stack.databaseUrls[publisher.kind.subgraph]!, (client) =>
      client.query(
        `insert into commitment (id, alliance_id, partner_id, branch_id, title, category, status, progress, due_date, created_at, updated_at, version${columns.map((c) => `, ${c}`).join('')})
         select id, $2, $3, $4, '摄入压测 ' || left(id::text, 8), 'WORK_LINKAGE', 'DRAFT', 0, date '2027-06-01', now(), now(), 1${columns.map((_, j) => `, $${j + 5}`).join('')}
         from unnest($1::uuid[]) as id`,
        [ids, demo.alliances.highway, publisher.partnerId, publisher.branchId, ...Object.values(publisher.kind.extra)],
      ),
    );
  }
  const sent = new Map<string, number>();
  const acked = new Map<string, number>();
  let backlogPeak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      backlogPeak = Math.max(backlogPeak, await outboxBacklog(stack));
      await sleep(200);
    }
  })();
  const before = await cpuNow(processes);
  const firstPublish = Date.now();
  await Promise.all(
    kinds.flatMap((publisher, k) => {
      const queue = [...(drafts[k] ?? [])];
      return Array.from({ length: parallel }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          sent.set(id, Date.now());
          await postGraphql(
            stack.gatewayUrl,
            publisher.token,
            `mutation($id: ID!, $version: Int!) { ${publisher.namespace} { publishCommitment(id: $id, version: $version) { id } } }`,
            { id, version: 1 },
          );
          acked.set(id, Date.now());
        }
      });
    }),
  );
  const lastAck = Date.now();
  const ids = drafts.flat();
  const recorded = await waitForEvents(stack, ids);
  const cpu = cpuDelta(before, await cpuNow(processes));
  sampling = false;
  await sampler;
  const lastRecorded = Math.max(...recorded.values());
  const lagFrom = (start: Map<string, number>) =>
    summarise(
      Float64Array.from(ids.filter((id) => recorded.has(id)).map((id) => (recorded.get(id) as number) - (start.get(id) as number))),
    );
  return {
    events: ids.length,
    recorded: recorded.size,
    publishesPerSecond: ids.length / ((lastAck - firstPublish) / 1000),
    appliedPerSecond: recorded.size / ((lastRecorded - firstPublish) / 1000),
    publishSentToRecordedMs: lagFrom(sent),
    publishAckToRecordedMs: lagFrom(acked),
    outboxBacklogPeak: backlogPeak,
    cpuMsPerEvent: Object.fromEntries(Object.entries(cpu).map(([name, used]) => [name, (used * 1000) / ids.length])),
  };
}

/**
 * When the alliance ingested the event of each item id (its `ingested_event.received_at`, now() of
 * the ingesting transaction, PostgreSQL's clock on this machine), found by the event ids of the
 * items' outbox rows (one each here): waits until all are there, at most 120 s. Item id → epoch ms.
 */
async function waitForEvents(stack: RunningStack, ids: readonly string[]): Promise<Map<string, number>> {
  const itemOf = new Map<string, string>();
  for (const kind of bulkKinds) {
    await withClient(stack.databaseUrls[kind.subgraph]!, async (client) => {
      const { rows } = await client.query<{ event: string; item: string }>(
        'select event_id as event, entity_id as item from outbox where entity_id = any($1::uuid[])',
        [ids],
      );
      for (const row of rows) {
        itemOf.set(row.event, row.item);
      }
    });
  }
  let recorded = new Map<string, number>();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    recorded = await withClient(stack.databaseUrls.alliance, async (client) => {
      const { rows } = await client.query<{ event: string; at: Date }>(
        'select event_id as event, received_at as at from ingested_event where event_id = any($1::uuid[])',
        [[...itemOf.keys()]],
      );
      return new Map(rows.map((row) => [itemOf.get(row.event) as string, row.at.getTime()]));
    });
    if (recorded.size >= ids.length) {
      break;
    }
    await sleep(250);
  }
  return recorded;
}

/**
 * Ingestion from a backlog: `count` published commitments written at once into the four kinds'
 * databases of the highway partners, each with the outbox row a publish writes (the payload
 * `commitmentSummary` makes), in one transaction per kind, as after a burst of publishes or an
 * alliance outage. The relays (polling every 500 ms, 200 events a batch) deliver them; measures
 * the alliance's applied events per second from the commit to the last event recorded, each
 * event's lag, and CPU per event.
 */
export async function measureBacklogDrain(stack: RunningStack, processes: Processes, count: number) {
  const kinds = await publishers(stack);
  const ids: string[] = [];
  const before = await cpuNow(processes);
  const committedAt = new Map<string, number>();
  await Promise.all(
    kinds.map(async (publisher) => {
      const columns = Object.keys(publisher.kind.extra);
      const mine = Array.from({ length: Math.ceil(count / kinds.length) }, () => randomUUID());
      ids.push(...mine);
      await withClient(stack.databaseUrls[publisher.kind.subgraph]!, async (client) => {
        await client.query('begin');
        await client.query(
          `insert into commitment (id, alliance_id, partner_id, branch_id, title, category, status, progress, due_date, published_at, created_at, updated_at, version${columns.map((c) => `, ${c}`).join('')})
           select id, $2, $3, $4, '积压 ' || left(id::text, 8), 'WORK_LINKAGE', 'PUBLISHED', 0, date '2027-06-01', now(), now(), now(), 1${columns.map((_, j) => `, $${j + 5}`).join('')}
           from unnest($1::uuid[]) as id`,
          [mine, demo.alliances.highway, publisher.partnerId, publisher.branchId, ...Object.values(publisher.kind.extra)],
        );
        await client.query(
          `insert into outbox (event_id, entity, entity_id, version, payload, created_at)
           select gen_random_uuid(), 'commitment', c.id, c.version, jsonb_build_object(
             'id', c.id, 'allianceId', c.alliance_id, 'partnerId', c.partner_id, 'kind', $2::text, 'title', c.title,
             'category', c.category, 'status', c.status, 'progress', c.progress, 'startDate', null, 'dueDate', c.due_date,
             'publishedAt', to_char(c.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'completedAt', null,
             'lastProgressAt', null, 'updatedAt', to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), now()
           from commitment c where c.id = any($1::uuid[])`,
          [mine, kindNames(publisher.kind.subgraph).kind],
        );
        // The moment the commit is sent: the relay may see the rows before its answer arrives here.
        const at = Date.now();
        await client.query('commit');
        for (const id of mine) {
          committedAt.set(id, at);
        }
      });
    }),
  );
  const recorded = await waitForEvents(stack, ids);
  const cpu = cpuDelta(before, await cpuNow(processes));
  const lastRecorded = Math.max(...recorded.values());
  const firstCommit = Math.min(...committedAt.values());
  return {
    events: ids.length,
    recorded: recorded.size,
    appliedPerSecond: recorded.size / ((lastRecorded - firstCommit) / 1000),
    committedToRecordedMs: summarise(Float64Array.from([...recorded].map(([id, at]) => at - (committedAt.get(id) as number)))),
    cpuMsPerEvent: Object.fromEntries(Object.entries(cpu).map(([name, used]) => [name, (used * 1000) / ids.length])),
  };
}

export const elapsed = (since: number) => (performance.now() - since) / 1000;
