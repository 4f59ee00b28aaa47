import { identityHeader, signInternalIdentity } from '@hub/contracts';

/**
 * POSTs JSON to one of the alliance subgraph's internal routes (`/ingest`, `/members`) as this
 * partner subgraph (`relay:<subgraph>`, signed with the hub's internal secret). Returns the
 * response; rejects when the alliance cannot be reached within `timeoutMs`.
 */
export async function postToAlliance(
  url: string,
  body: unknown,
  caller: { subgraph: string; internalSecret: string },
  timeoutMs: number,
): Promise<Response> {
  const name = `relay:${caller.subgraph}`;
  const token = await signInternalIdentity({ viewer: { subject: name, role: 'viewer' }, caller: name }, caller.internalSecret);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [identityHeader]: token },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
}
