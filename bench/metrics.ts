/** Reads a Prometheus text endpoint into name → value; a labelled sample's name includes its labels (`name{label="…"}`). */
export async function readMetrics(url: string): Promise<Record<string, number>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}`);
  }
  const values: Record<string, number> = {};
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match?.[1] && match[2]) {
      values[match[1]] = Number(match[2]);
    }
  }
  return values;
}

/** The /metrics URL beside a /graphql URL. */
export function metricsUrl(graphqlUrl: string): string {
  return graphqlUrl.replace(/\/graphql$/, '/metrics');
}
