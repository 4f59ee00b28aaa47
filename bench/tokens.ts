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

/** The demo users' tokens the bench signs in with. */
export async function benchCredentials(): Promise<{ viewer: string; trafficPoliceEditor: string }> {
  return {
    viewer: await demoToken('viewer'),
    trafficPoliceEditor: await demoToken('traffic-police-editor'),
  };
}
