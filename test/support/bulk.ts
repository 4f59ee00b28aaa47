import { randomUUID } from 'node:crypto';
import type { RunningStack, SubgraphName } from '@hub/testkit';
import pg from 'pg';
import { demo } from './demo.ts';

/** One partner of each kind, with the subgraph that owns it and its own required columns. */
const owners: { subgraph: SubgraphName; kind: string; partnerId: string; branchId: string; extra: Record<string, unknown> }[] = [
  {
    subgraph: 'enterprise',
    kind: 'ENTERPRISE',
    partnerId: demo.partners.widening,
    branchId: '',
    extra: { project: '批量工程', responsibility_zones: '[]' },
  },
  {
    subgraph: 'town-village',
    kind: 'TOWN_VILLAGE',
    partnerId: demo.partners.ninghai,
    branchId: '',
    extra: { village: '批量村', land_acquisition_tasks: '[]' },
  },
  { subgraph: 'university', kind: 'UNIVERSITY', partnerId: demo.partners.institute, branchId: '', extra: { institute: '批量研究所' } },
  {
    subgraph: 'traffic-police',
    kind: 'TRAFFIC_POLICE',
    partnerId: demo.partners.trafficPolice,
    branchId: '',
    extra: { road_section: 'K1', guarantees: '[]', joint_actions: '[]' },
  },
];

/** Runs `work` with a client connected to `url`, and ends the connection whatever happens. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an alliance with one partner of each kind and `count` published commitments spread
 * evenly over them, written straight into the partners' tables and the alliance's index (a
 * fixture for measuring queries, not a path users take). Returns the alliance id. Given
 * `into`, an existing alliance whose members include those partners (the demo highway
 * alliance), adds the commitments to it instead.
 */
export async function seedLargeAlliance(stack: RunningStack, count: number, into?: string): Promise<string> {
  const allianceId = into ?? randomUUID();
  if (!into) {
    await withClient(stack.databaseUrls.alliance, async (client) => {
      await client.query(
        `insert into alliance (id, name, coordinator_name, created_at, version) values ($1, $2, '测试牵头单位', now(), 1)`,
        [allianceId, `批量联盟 ${count}`],
      );
      for (const owner of owners) {
        await client.query(
          `insert into membership (id, alliance_id, partner_id, kind, partner_name, joined_on) values ($1, $2, $3, $4, $5, current_date)`,
          [randomUUID(), allianceId, owner.partnerId, owner.kind, owner.kind],
        );
      }
    });
  }
  // Each due date is shared by one item of every kind, so any page of the list (sorted by due
  // date) holds the four kinds alike, whatever the list's length.
  const rows = Array.from({ length: count }, (_, i) => {
    const group = Math.floor(i / owners.length);
    return {
      id: randomUUID(),
      owner: owners[i % owners.length]!,
      due: `2027-${String((group % 12) + 1).padStart(2, '0')}-${String((group % 28) + 1).padStart(2, '0')}`,
    };
  });
  for (const owner of owners) {
    const mine = rows.filter((row) => row.owner === owner);
    await withClient(stack.databaseUrls[owner.subgraph]!, async (client) => {
      const branch = await client.query<{ id: string }>('select id from party_branch where partner_id = $1 limit 1', [owner.partnerId]);
      const columns = Object.keys(owner.extra);
      for (const row of mine) {
        await client.query(
          `insert into commitment (id, alliance_id, partner_id, branch_id, title, category, status, progress, due_date, published_at, created_at, updated_at, version${columns.map((c) => `, ${c}`).join('')})
           values ($1, $2, $3, $4, $5, 'WORK_LINKAGE', 'PUBLISHED', 0, $6, now(), now(), now(), 1${columns.map((_, j) => `, $${j + 7}`).join('')})`,
          [
            row.id,
            allianceId,
            owner.partnerId,
            branch.rows[0]?.id,
            `批量事项 ${row.id.slice(0, 8)}`,
            row.due,
            ...Object.values(owner.extra),
          ],
        );
      }
    });
  }
  await withClient(stack.databaseUrls.alliance, async (client) => {
    for (const row of rows) {
      await client.query(
        `insert into commitment_index (id, alliance_id, partner_id, kind, title, category, status, progress, due_date, published_at, updated_at, version)
         values ($1, $2, $3, $4, $5, 'WORK_LINKAGE', 'PUBLISHED', 0, $6, now(), now(), 1)`,
        [row.id, allianceId, row.owner.partnerId, row.owner.kind, `批量事项 ${row.id.slice(0, 8)}`, row.due],
      );
    }
  });
  return allianceId;
}
