import { remoteKeySet, type TrustedIssuers } from '@hub/contracts';
import { gatewayTrust, type SubgraphEnv } from '@hub/subgraph-kit';
import { kindKeysUrl } from './env.ts';
import { kindDefinitions } from './kinds.ts';

/**
 * Whom the alliance believes: the gateway, and each partner kind's relay with the keys that
 * kind's subgraph publishes, so no partner's key can deliver, or ask, for another kind.
 */
export function allianceTrust(env: SubgraphEnv): TrustedIssuers {
  const refreshMs = env.HUB_KEYS_REFRESH_S * 1000;
  return new Map([
    ...gatewayTrust(env),
    ...kindDefinitions.map((kind) => [kind.name, remoteKeySet(kindKeysUrl(kind), refreshMs)] as const),
  ]);
}
