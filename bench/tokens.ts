import { mintDemoToken } from '../gateway/src/auth.ts';
import { parseGatewayEnv } from '../gateway/src/env.ts';

/**
 * What the bench signs with, as the gateway started from this environment expects it (the
 * development secrets unless HUB_JWT_SECRET / HUB_INTERNAL_SECRET are set): demo users' tokens,
 * minted as `pnpm demo-token` does, and the gateway's internal secret (for the upstream probe).
 */
export async function benchCredentials(): Promise<{ viewer: string; trafficPoliceEditor: string; internalSecret: string }> {
  const env = parseGatewayEnv();
  return {
    viewer: await mintDemoToken(env, 'viewer'),
    trafficPoliceEditor: await mintDemoToken(env, 'traffic-police-editor'),
    internalSecret: env.HUB_INTERNAL_SECRET,
  };
}
