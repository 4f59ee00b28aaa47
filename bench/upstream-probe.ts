import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gatewayIssuer, openKeyRing, signInternalIdentity } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** When each commitment's change came out of the alliance subgraph's own stream. */
export interface UpstreamProbe {
  /** performance.now() at arrival, by commitment id (the first arrival). */
  readonly arrivals: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Subscribes once, directly at the alliance subgraph, to the same root field the gateway forwards
 * (`coBuildingListChanged { cursor commitmentId }`), with an internal identity signed as the
 * gateway signs its own (with the stack gateway's key file). Separates the
 * time the events take to leave the alliance from the time the gateway's live layer adds.
 * Resolves once connected.
 */
export async function openUpstreamProbe(stack: RunningStack, allianceId: string): Promise<UpstreamProbe> {
  const gateway = { issuer: gatewayIssuer, keys: await openKeyRing(join(stack.keysDir, 'gateway.jwks.json'), { create: false }) };
  const allianceGraphqlUrl = stack.subgraphUrls.alliance;
  const arrivals = new Map<string, number>();
  let client: Client | null = null;
  await new Promise<void>((resolve, reject) => {
    client = createClient({
      url: allianceGraphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: async () => ({
        identity: await signInternalIdentity({ subject: 'bench-probe', role: 'viewer' }, gateway, 'alliance'),
      }),
      on: { connected: () => resolve(), closed: () => reject(new Error('the upstream probe could not connect to the alliance subgraph')) },
    });
    client.subscribe(
      {
        query: 'subscription BenchProbe($allianceId: ID!) { coBuildingListChanged(allianceId: $allianceId) { cursor commitmentId } }',
        variables: { allianceId },
      },
      {
        next: (result) => {
          const id = (result.data as { coBuildingListChanged?: { commitmentId?: string } } | null | undefined)?.coBuildingListChanged
            ?.commitmentId;
          if (id && !arrivals.has(id)) {
            arrivals.set(id, performance.now());
          }
        },
        error: () => {},
        complete: () => {},
      },
    );
  });
  return {
    arrivals,
    async close() {
      await (client as Client | null)?.dispose();
    },
  };
}
