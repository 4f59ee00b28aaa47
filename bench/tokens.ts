import { mintDemoToken } from '../gateway/src/auth.ts';
import { parseGatewayEnv } from '../gateway/src/env.ts';
import { seededDemoUsers } from '../scripts/demo-users.ts';

/**
 * A seeded demo user's token, minted as `pnpm demo-token` does, as the gateway started from this
 * environment expects it (the development secret unless HUB_JWT_SECRET is set).
 */
export async function demoToken(user: string): Promise<string> {
  const identity = (await seededDemoUsers()).find((candidate) => candidate.id === user);
  if (!identity) {
    throw new Error(`No seeded demo user ${user}`);
  }
  return mintDemoToken(parseGatewayEnv(), identity);
}

/**
 * What the bench signs with: demo users' tokens and the gateway's internal secret (the
 * development value unless HUB_INTERNAL_SECRET is set; for the upstream probe).
 */
export async function benchCredentials(): Promise<{ viewer: string; trafficPoliceEditor: string; internalSecret: string }> {
  return {
    viewer: await demoToken('viewer'),
    trafficPoliceEditor: await demoToken('traffic-police-editor'),
    internalSecret: parseGatewayEnv().HUB_INTERNAL_SECRET,
  };
}
