import { Kind, parse } from 'graphql';
import type { GatewayEnv } from './env.ts';

/**
 * Where the gateway calls each subgraph. The supergraph names every subgraph with the URL
 * `pnpm compose` gave it (`join__graph(name:, url:)`: the development one, from the kind's
 * `port`); HUB_SUBGRAPH_URL_TEMPLATE, when set, replaces it for every subgraph alike, so no
 * setting names a kind and a kind added later is found the same way.
 */

/** The gateway's port the composed URLs assume: a subgraph's composed port is this plus its offset. */
export const composedGatewayPort = 4000;

/** The placeholders HUB_SUBGRAPH_URL_TEMPLATE may hold. */
const placeholder = /\{(\w*)\}/g;
const known = new Set(['name', 'port']);

/** What is wrong with a template (null when nothing is): unknown placeholders, neither of the two, not an http(s) URL. */
export function templateProblem(template: string): string | null {
  const used = [...template.matchAll(placeholder)].map((match) => match[1] ?? '');
  const unknown = used.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    return `unknown placeholder ${unknown.map((name) => `{${name}}`).join(', ')} (use {name} and {port})`;
  }
  if (used.length === 0) {
    return 'must contain {name} or {port}, or every subgraph would have the same URL';
  }
  try {
    const url = new URL(fill(template, 'subgraph', 4001));
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'must be an http(s) URL';
  } catch {
    return 'is not a URL once {name} and {port} are filled in';
  }
}

function fill(template: string, name: string, port: number): string {
  return template.replace(placeholder, (_match, key: string) => (key === 'name' ? name : String(port)));
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

type UrlSettings = Pick<GatewayEnv, 'PORT' | 'HUB_SUBGRAPH_URL_TEMPLATE'>;

/**
 * The GraphQL URL of subgraph `name`, composed at `composedUrl`: that URL itself, or the template
 * with `{name}` → the subgraph's name and `{port}` → PORT + (its composed port − 4000), i.e. its
 * port in a stack laid out like the development one around a gateway on PORT.
 */
export function subgraphUrl(env: UrlSettings, name: string, composedUrl: string | undefined): string {
  const template = env.HUB_SUBGRAPH_URL_TEMPLATE;
  if (!template) {
    if (!composedUrl) {
      throw new Error(`The supergraph gives no URL for subgraph ${name}; set HUB_SUBGRAPH_URL_TEMPLATE`);
    }
    return composedUrl;
  }
  if (!template.includes('{port}')) {
    return fill(template, name, 0);
  }
  if (!composedUrl) {
    throw new Error(`The supergraph gives no URL for subgraph ${name}, so HUB_SUBGRAPH_URL_TEMPLATE cannot use {port}`);
  }
  const port = env.PORT + portOf(new URL(composedUrl)) - composedGatewayPort;
  if (port < 1 || port > 65535) {
    throw new Error(`Subgraph ${name}'s port ${port} (PORT ${env.PORT} + its offset) is not a port`);
  }
  return fill(template, name, port);
}

/** The subgraphs a supergraph composes, with the URL it gives each (`join__graph(name:, url:)`). */
export function composedSubgraphs(supergraphSdl: string): { name: string; url: string }[] {
  const graphs = parse(supergraphSdl, { noLocation: true }).definitions.find(
    (definition) => definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph',
  );
  if (graphs?.kind !== Kind.ENUM_TYPE_DEFINITION) {
    throw new Error('The supergraph has no join__Graph enum');
  }
  return (graphs.values ?? []).flatMap((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const argument = (key: string) => {
      const node = directive?.arguments?.find((a) => a.name.value === key)?.value;
      return node?.kind === Kind.STRING ? node.value : undefined;
    };
    const name = argument('name');
    return name ? [{ name, url: argument('url') ?? '' }] : [];
  });
}

/** Subgraph name → the URL the gateway calls, for every subgraph of the supergraph. */
export function subgraphUrlsOf(supergraphSdl: string, env: UrlSettings): Record<string, string> {
  return Object.fromEntries(composedSubgraphs(supergraphSdl).map(({ name, url }) => [name, subgraphUrl(env, name, url || undefined)]));
}
