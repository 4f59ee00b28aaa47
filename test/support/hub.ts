import { type RunningStack, repoRoot, type StackOptions, startStack } from '@hub/testkit';
import { SignJWT } from 'jose';
import { demo } from './demo.ts';
import { scrape } from './prometheus.ts';

export { demo };

/** The development secret the gateway verifies demo tokens with (gateway/src/env.ts). */
const jwtSecret = new TextEncoder().encode('dev-jwt-secret-for-demo-tokens-only-0123456789');

/**
 * Starts the whole hub for one test file on its own ports and databases, freshly seeded.
 * Uses DATABASE_URL when set (CI's PostgreSQL 15), else an embedded PostgreSQL of its own
 * (port `port + 10000`, below the ephemeral range; data in .data/test/<port>), so tests never touch a running `pnpm start`.
 */
export async function startTestHub(port: number, options: Partial<StackOptions> = {}): Promise<RunningStack> {
  const stack = await startStack({
    port,
    databaseUrl: process.env.DATABASE_URL,
    postgresPort: port + 10_000,
    dataDir: `${repoRoot}.data/test/${port}`,
    keysDir: `${repoRoot}.data/test/keys-${port}`,
    databasePrefix: `hub_test_${port}_`,
    fresh: true,
    log: process.env.HUB_TEST_LOG ? (line) => console.log(line) : undefined,
    ...options,
  });
  if (options.seed !== false) {
    await untilDemoDelivered(stack).catch(async (error: unknown) => {
      await stack.stop();
      throw error;
    });
  }
  return stack;
}

/**
 * Waits until no partner subgraph has an undelivered event in its outbox (`hub_outbox_pending_events`):
 * the seeded demo data has all reached the alliance, so a test's first read sees all of it however
 * slowly the relays ran on a busy machine.
 */
async function untilDemoDelivered(stack: RunningStack, timeoutMs = 120_000): Promise<void> {
  const partners = Object.entries(stack.subgraphUrls).filter(([name]) => name !== 'alliance');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await Promise.all(
      partners.map(async ([name, url]) => {
        const samples = await scrape(url);
        const waiting = samples.filter((sample) => sample.name === 'hub_outbox_pending_events');
        return { name, count: waiting.length === 0 ? Number.NaN : waiting.reduce((sum, sample) => sum + sample.value, 0) };
      }),
    );
    const behind = pending.filter((partner) => !(partner.count === 0));
    if (behind.length === 0) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `demo data not delivered to the alliance in ${timeoutMs / 1000} s: ${behind.map((p) => `${p.name} ${p.count}`).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface TestUser {
  role: 'coordinator' | 'partner_editor' | 'viewer';
  partnerId?: string;
  name?: string;
}

/** A user token as the gateway expects it (HS256, development secret). */
export async function tokenFor(user: TestUser, subject = `test-${user.role}-${user.partnerId ?? 'all'}`, lifetime = '1h'): Promise<string> {
  return new SignJWT({ role: user.role, ...(user.partnerId ? { partnerId: user.partnerId } : {}), name: user.name ?? subject })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer('party-alliance-hub')
    .setAudience('party-alliance-hub')
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(jwtSecret);
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** POSTs one operation to a GraphQL endpoint and returns status, data and errors. */
export async function gql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { status: response.status, data: body.data, errors: body.errors };
}

/** Error codes of a response, in order. */
export function codes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes; returns the value. */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Reads a Prometheus counter from a subgraph's /metrics. */
export async function metric(graphqlUrl: string, name: string): Promise<number> {
  const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}
