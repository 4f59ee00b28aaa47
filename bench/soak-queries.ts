import { performance } from 'node:perf_hooks';
import { postGraphql } from './graphql-http.ts';

/** The joint list as a dashboard first loads it: 100 items, with fields of the partners that own them. */
const jointListQuery = /* GraphQL */ `
  query SoakList($id: ID!) {
    alliance(id: $id) {
      coBuildingList(first: 100) { edges { node { __typename ... on Commitment { title status progress } } } }
    }
  }
`;

export interface QueryCounters {
  queries: number;
  errors: number;
  firstError: string | null;
}

/**
 * `clients` HTTP clients, each querying the joint list through the gateway again and again
 * (alternating the alliances), `pauseMs` apart. Records every answered query's latency with the
 * time it finished (performance.now()), for per-minute figures.
 */
export function startQueryClients(gatewayUrl: string, token: string, allianceIds: readonly string[], clients: number, pauseMs: number) {
  const counters: QueryCounters = { queries: 0, errors: 0, firstError: null };
  const latencies: { at: number; ms: number }[] = [];
  let running = true;
  const run = async (client: number) => {
    for (let i = client; running; i += 1) {
      const sent = performance.now();
      try {
        await postGraphql(gatewayUrl, token, jointListQuery, { id: allianceIds[i % allianceIds.length] });
        const at = performance.now();
        latencies.push({ at, ms: at - sent });
        counters.queries += 1;
      } catch (error) {
        counters.errors += 1;
        counters.firstError ??= error instanceof Error ? error.message : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const loops = Promise.all(Array.from({ length: clients }, (_, client) => run(client)));
  return {
    counters,
    latencies,
    /** Stops querying and waits for the queries in flight. */
    async stop() {
      running = false;
      await loops;
    },
  };
}
