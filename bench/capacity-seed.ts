import { kindNames } from '@hub/kinds';
import type { RunningStack } from '@hub/testkit';
import { withClient } from '../test/support/bulk.ts';
import { postGraphql } from './graphql-http.ts';

/** Each kind's subgraph and the values of its own required columns for a bulk row (as test/support/bulk.ts writes them). */
export const bulkKinds: { subgraph: string; extra: Record<string, unknown> }[] = [
  { subgraph: 'enterprise', extra: { project: '容量工程', responsibility_zones: '[]' } },
  { subgraph: 'town-village', extra: { village: '容量村', land_acquisition_tasks: '[]' } },
  { subgraph: 'university', extra: { institute: '容量研究所' } },
  { subgraph: 'traffic-police', extra: { road_section: 'K1', guarantees: '[]', joint_actions: '[]' } },
];

/** A registered, admitted partner of the seeded hub. */
export interface SeededPartner {
  readonly id: string;
  readonly subgraph: string;
  readonly allianceId: string;
}

/** What the seed made: the alliances (the large one first) and their partners. */
export interface SeededHub {
  readonly alliances: { id: string; partners: number; commitments: number }[];
  readonly largeAllianceId: string;
  readonly partners: SeededPartner[];
  readonly commitments: number;
  readonly seconds: { registration: number; bulkInsert: number; vacuum: number };
}

/** `count` partners into alliances: 40 % into one large alliance, the rest ten by ten. */
function allianceSizes(count: number): number[] {
  const large = Math.max(1, Math.round(count * 0.4));
  const sizes = [large];
  for (let left = count - large; left > 0; left -= 10) {
    sizes.push(Math.min(10, left));
  }
  return sizes;
}

/** Runs `work` over `items`, `parallel` at a time. */
async function inParallel<T, R>(items: readonly T[], parallel: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

/**
 * Registers `partnerCount` organizations through the gateway as the coordinator (spread over the
 * four kinds in turn), founds the alliances and admits each partner to one, as users do; then
 * writes `perPartner` published commitments per partner straight into each kind's `commitment`
 * table and, with the same ids, the alliance's `commitment_index` (what the alliance's ingestion
 * would have made of them; a fixture, as test/support/bulk.ts), and runs VACUUM ANALYZE.
 */
export async function seedCapacityHub(
  stack: RunningStack,
  coordinator: string,
  partnerCount: number,
  perPartner: number,
): Promise<SeededHub> {
  const started = performance.now();
  const sizes = allianceSizes(partnerCount);
  const alliances = await inParallel(sizes, 2, async (size, i) => {
    const data = await postGraphql(
      stack.gatewayUrl,
      coordinator,
      'mutation($input: AllianceInput!) { createAlliance(input: $input) { id } }',
      { input: { name: `容量联盟 ${i + 1}（${size} 家）`, coordinatorName: '两新工委', foundedOn: '2026-01-01' } },
    );
    return { id: data.createAlliance.id as string, partners: size, commitments: size * perPartner };
  });
  const slots = alliances.flatMap((alliance) => Array.from({ length: alliance.partners }, () => alliance.id));
  const partners = await inParallel(slots, 4, async (allianceId, i) => {
    const kind = bulkKinds[i % bulkKinds.length]!;
    const names = kindNames(kind.subgraph);
    const name = `容量共建单位 ${String(i + 1).padStart(3, '0')}`;
    const registered = await postGraphql(
      stack.gatewayUrl,
      coordinator,
      `mutation($input: PartnerRegistrationInput!) { ${names.namespace} { registerPartner(input: $input) { id } } }`,
      { input: { name } },
    );
    const id = registered[names.namespace].registerPartner.id as string;
    await postGraphql(
      stack.gatewayUrl,
      coordinator,
      'mutation($a: ID!, $input: AdmitPartnerInput!) { admitPartner(allianceId: $a, input: $input) { partnerId } }',
      { a: allianceId, input: { partnerId: id, kind: names.kind, name } },
    );
    return { id, subgraph: kind.subgraph, allianceId };
  });
  const registered = performance.now();

  // Ids are md5(partner:n) on both sides, so each kind's rows and the index agree without a round trip.
  const idOf = `md5(p.partner_id || ':' || g)::uuid`;
  const dueOf = `date '2027-01-01' + (g % 365)`;
  for (const kind of bulkKinds) {
    const mine = partners.filter((partner) => partner.subgraph === kind.subgraph);
    const columns = Object.keys(kind.extra);
    await withClient(stack.databaseUrls[kind.subgraph]!, (client) =>
      client.query(
        `insert into commitment (id, alliance_id, partner_id, branch_id, title, category, status, progress, due_date, published_at, created_at, updated_at, version${columns.map((c) => `, ${c}`).join('')})
         select ${idOf}, p.alliance_id::uuid, p.partner_id::uuid, null, '容量事项 ' || g, 'WORK_LINKAGE', 'PUBLISHED', 0, ${dueOf}, now(), now(), now(), 1${columns.map((_, j) => `, $${j + 4}`).join('')}
         from unnest($1::text[], $2::text[]) as p(partner_id, alliance_id), generate_series(1, $3::int) g`,
        [mine.map((p) => p.id), mine.map((p) => p.allianceId), perPartner, ...Object.values(kind.extra)],
      ),
    );
  }
  await withClient(stack.databaseUrls.alliance, (client) =>
    client.query(
      `insert into commitment_index (id, alliance_id, partner_id, kind, title, category, status, progress, due_date, published_at, updated_at, version)
       select ${idOf}, p.alliance_id::uuid, p.partner_id::uuid, p.kind, '容量事项 ' || g, 'WORK_LINKAGE', 'PUBLISHED', 0, ${dueOf}, now(), now(), 1
       from unnest($1::text[], $2::text[], $3::text[]) as p(partner_id, alliance_id, kind), generate_series(1, $4::int) g`,
      [partners.map((p) => p.id), partners.map((p) => p.allianceId), partners.map((p) => kindNames(p.subgraph).kind), perPartner],
    ),
  );
  const inserted = performance.now();
  for (const url of Object.values(stack.databaseUrls)) {
    await withClient(url, (client) => client.query('vacuum analyze'));
  }
  return {
    alliances,
    largeAllianceId: alliances[0]!.id,
    partners,
    commitments: partners.length * perPartner,
    seconds: {
      registration: (registered - started) / 1000,
      bulkInsert: (inserted - registered) / 1000,
      vacuum: (performance.now() - inserted) / 1000,
    },
  };
}
