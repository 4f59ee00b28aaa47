import { randomUUID } from 'node:crypto';
import type { RunningStack, ServiceProcess } from '@hub/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, tokenFor } from './support/hub.ts';
import { postJson } from './support/publishing.ts';
import { startGatewayReplica } from './support/replicas.ts';

/**
 * Rate limits across gateway replicas (HUB_REDIS_URL): every replica draws on one bucket per
 * caller in Redis (the machine's, at 6379), so a caller spreading requests over replicas gets
 * no more than from one; while Redis cannot be reached, each replica counts alone and no request
 * waits on it.
 */

const port = 5820;
/** 60 a minute: a burst of 10, then one a second. */
const perMinute = 60;
const burst = 10;
const prefix = `hub:rate:test-${randomUUID()}:`;
let hub: RunningStack;
const replicas: ServiceProcess[] = [];

/** Another gateway process of the hub, with the same rate and Redis settings as `redisUrl` says. */
async function startReplica(replicaPort: number, redisUrl: string): Promise<string> {
  const replica = await startGatewayReplica(hub, replicaPort, {
    HUB_RATE_LIMIT_PER_MINUTE: String(perMinute),
    HUB_REDIS_URL: redisUrl,
    HUB_REDIS_PREFIX: prefix,
  });
  replicas.push(replica);
  return `http://127.0.0.1:${replicaPort}/graphql`;
}

beforeAll(async () => {
  hub = await startTestHub(port, {
    env: { HUB_RATE_LIMIT_PER_MINUTE: String(perMinute), HUB_REDIS_URL: 'redis://127.0.0.1:6379', HUB_REDIS_PREFIX: prefix },
  });
});

afterAll(async () => {
  await Promise.allSettled(replicas.map((replica) => replica.stop()));
  await hub?.stop();
});

/** Sends `count` small queries as `token`, round robin over `urls`; counts what was answered and refused per URL. */
async function spread(urls: string[], count: number, token: string) {
  const started = Date.now();
  const tally = urls.map(() => ({ answered: 0, refused: 0, other: 0 }));
  for (let i = 0; i < count; i++) {
    const at = i % urls.length;
    const response = await postJson(urls[at] as string, { query: '{ alliances { id } }' }, { authorization: `Bearer ${token}` });
    const counts = tally[at] as { answered: number; refused: number; other: number };
    if (response.status === 200) {
      counts.answered += 1;
    } else if (response.status === 429 && response.codes[0] === 'RATE_LIMITED') {
      counts.refused += 1;
    } else {
      counts.other += 1;
    }
  }
  return { tally, seconds: (Date.now() - started) / 1000 };
}

describe('rate limits shared through Redis', () => {
  it('hold across two gateway replicas: one bucket per caller, whichever replica it asks', async () => {
    const second = await startReplica(port + 10, 'redis://127.0.0.1:6379');
    const token = await tokenFor({ role: 'viewer' }, `spread-${randomUUID()}`);
    const { tally, seconds } = await spread([hub.gatewayUrl, second], 40, token);
    const answered = tally.reduce((sum, counts) => sum + counts.answered, 0);
    console.log(
      `[rate] 40 requests over 2 replicas in ${seconds.toFixed(1)} s: answered ${answered}, per replica ${JSON.stringify(tally)}`,
    );
    expect(tally.every((counts) => counts.other === 0)).toBe(true);
    // The burst, plus one a second while the requests ran: never a burst per replica.
    expect(answered).toBeGreaterThanOrEqual(burst);
    expect(answered).toBeLessThanOrEqual(burst + Math.ceil(seconds) + 1);
    expect(answered).toBeLessThan(2 * burst);
    expect(tally.every((counts) => counts.refused > 0)).toBe(true);
  });

  it('keeps separate callers apart', async () => {
    const [first, second] = await Promise.all([
      tokenFor({ role: 'viewer' }, `apart-a-${randomUUID()}`),
      tokenFor({ role: 'viewer' }, `apart-b-${randomUUID()}`),
    ]);
    const a = await spread([hub.gatewayUrl], burst, first);
    const b = await spread([hub.gatewayUrl], burst, second);
    expect(a.tally[0]?.answered).toBe(burst);
    expect(b.tally[0]?.answered).toBe(burst);
  });

  it('falls back to counting per replica while Redis cannot be reached, answering every request', async () => {
    // Nothing listens on this port: the replica never reaches Redis.
    const alone = await startReplica(port + 11, 'redis://127.0.0.1:6390');
    const token = await tokenFor({ role: 'viewer' }, `alone-${randomUUID()}`);
    const { tally } = await spread([alone], 25, token);
    expect(tally[0]?.other).toBe(0);
    expect(tally[0]?.answered).toBeGreaterThanOrEqual(burst);
    expect(tally[0]?.answered).toBeLessThan(25);
    expect(tally[0]?.refused).toBeGreaterThan(0);
  });
});
