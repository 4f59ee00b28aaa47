import { type InternalSigner, identityHeader, signInternalIdentity } from '@hub/contracts';

/** This partner subgraph's relay identity, signed with its own key for the alliance alone. */
export function signRelayIdentity(signer: InternalSigner): Promise<string> {
  return signInternalIdentity({ subject: `relay:${signer.issuer}`, role: 'viewer' }, signer, 'alliance');
}

/**
 * POSTs JSON to one of the alliance subgraph's internal routes (`/ingest`, `/members`,
 * `/assignments`) as this partner subgraph's relay (`relay:<subgraph>`), signed with its own key
 * for the alliance alone. Returns the response; rejects when the alliance cannot be reached
 * within `timeoutMs`.
 */
export async function postToAlliance(url: string, body: unknown, signer: InternalSigner, timeoutMs: number): Promise<Response> {
  const token = await signRelayIdentity(signer);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [identityHeader]: token },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
}
