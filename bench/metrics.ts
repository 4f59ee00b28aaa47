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

/** The sum of a metric's samples over all its labels (`name{…}`), NaN when it has none. */
export function sumOf(values: Record<string, number>, name: string): number {
  const samples = Object.entries(values).filter(([key]) => key === name || key.startsWith(`${name}{`));
  return samples.length === 0 ? Number.NaN : samples.reduce((sum, [, value]) => sum + value, 0);
}
