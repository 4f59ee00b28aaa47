import { composeServices } from '@apollo/composition';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { logger } from '@hub/http/log';
import { parse } from 'graphql';

const gatewayLog = logger('gateway');

/** How often a supergraph waiting for its subgraphs is checked again. */
const recheckMs = 5000;

export interface RolloutOptions {
  /** A subgraph's URL, from its name and the URL composed into the supergraph. */
  readonly urlOf: (name: string, composedUrl: string) => string;
  /** The signed identity header value a subgraph requires (signed for that subgraph). */
  readonly identity: (subgraph: string) => Promise<string>;
  readonly identityHeader: string;
  /** Applies a supergraph every subgraph already serves. */
  readonly apply: (supergraphSdl: string) => void;
  readonly log?: (line: string) => void;
}

/** Each subgraph of a supergraph, printed in a normal form, by name. */
function subgraphsOf(supergraphSdl: string): Map<string, { url: string; schema: string }> {
  const subgraphs = Supergraph.build(supergraphSdl).subgraphs().values();
  return new Map(subgraphs.map((subgraph) => [subgraph.name, { url: subgraph.url, schema: printSchema(subgraph.schema) }]));
}

async function servedSdl(name: string, url: string, options: RolloutOptions): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [options.identityHeader]: await options.identity(name) },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!response.ok || !sdl) {
    throw new Error(`answered ${response.status} without its schema`);
  }
  return sdl;
}

/**
 * Why a supergraph cannot be applied yet: the subgraphs that do not serve the schema it was
 * composed from (unreachable, older or newer), as readable lines. Empty when every subgraph
 * serves exactly its part: then queries planned with it reach subgraphs that know every field.
 */
export async function servedSchemaProblems(supergraphSdl: string, options: RolloutOptions): Promise<string[]> {
  const wanted = subgraphsOf(supergraphSdl);
  const problems: string[] = [];
  const served = await Promise.all(
    [...wanted].map(async ([name, { url }]) => {
      const target = options.urlOf(name, url);
      try {
        return { name, url, typeDefs: parse(await servedSdl(name, target, options)) };
      } catch (error) {
        problems.push(`${name} (${target}) cannot be asked for its schema: ${(error as Error).message}`);
        return null;
      }
    }),
  );
  if (problems.length > 0) {
    return problems;
  }
  const composed = composeServices(served.filter((service) => service !== null));
  if (composed.errors) {
    return [`the schemas the subgraphs serve do not compose: ${composed.errors[0]?.message}`];
  }
  const actual = subgraphsOf(composed.supergraphSdl);
  for (const [name, { schema }] of wanted) {
    if (actual.get(name)?.schema !== schema) {
      problems.push(`${name} does not serve the schema this supergraph was composed from (not rolled out yet?)`);
    }
  }
  return problems;
}

/**
 * Applies new supergraphs safely: each is applied only once every subgraph in it serves the
 * schema it was composed from, checked over `_service`; until then the gateway keeps serving the
 * previous one, says why, and checks again every 5 s. A newer supergraph replaces one still
 * waiting. So a gateway never plans a query against a field a subgraph does not have yet.
 */
export function createRollout(options: RolloutOptions): { offer(supergraphSdl: string): void; stop(): void } {
  const log = options.log ?? ((line: string) => gatewayLog.info(line));
  let pending: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let lastReason = '';

  const check = async () => {
    const candidate = pending;
    if (candidate === null) {
      return;
    }
    let problems: string[];
    try {
      problems = await servedSchemaProblems(candidate, options);
    } catch (error) {
      problems = [`the supergraph cannot be read: ${(error as Error).message}`];
    }
    if (candidate !== pending) {
      return; // a newer one arrived meanwhile; it is being checked
    }
    if (problems.length === 0) {
      pending = null;
      lastReason = '';
      options.apply(candidate);
      return;
    }
    const reason = problems.join('; ');
    if (reason !== lastReason) {
      log(`[gateway] keeping the current supergraph; the new one waits: ${reason}`);
      lastReason = reason;
    }
    timer = setTimeout(() => void check(), recheckMs);
  };

  return {
    offer(supergraphSdl) {
      pending = supergraphSdl;
      clearTimeout(timer);
      void check();
    },
    stop() {
      pending = null;
      clearTimeout(timer);
    },
  };
}
