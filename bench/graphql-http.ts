/** One GraphQL request over HTTP as a signed-in user (or anonymously); resolves with `data`, throws on any error. */
export async function postGraphql(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    // A request stuck in an overloaded server fails instead of stalling the caller's loop.
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
  if (!response.ok || body.errors?.length || !body.data) {
    throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}
