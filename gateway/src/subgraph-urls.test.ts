import { describe, expect, it } from 'vitest';
import { composedSubgraphs, subgraphUrl, subgraphUrlsOf } from './subgraph-urls.ts';
import { defaultSupergraphPath, readSupergraph } from './supergraph.ts';

const supergraph = readSupergraph(defaultSupergraphPath);

describe('subgraph URLs', () => {
  it('reads every subgraph and its composed URL from the supergraph', () => {
    const subgraphs = composedSubgraphs(supergraph);
    expect(subgraphs.map((s) => s.name)).toContain('alliance');
    expect(subgraphs.find((s) => s.name === 'alliance')?.url).toBe('http://127.0.0.1:4001/graphql');
    for (const { url } of subgraphs) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:40\d\d\/graphql$/);
    }
  });

  it('uses the composed URLs when no template is set', () => {
    const urls = subgraphUrlsOf(supergraph, { PORT: 4000, HUB_SUBGRAPH_URL_TEMPLATE: undefined });
    expect(urls).toEqual(Object.fromEntries(composedSubgraphs(supergraph).map((s) => [s.name, s.url])));
  });

  it('fills {name} with the subgraph name (containers: every service on its own host)', () => {
    const env = { PORT: 4000, HUB_SUBGRAPH_URL_TEMPLATE: 'http://{name}:4000/graphql' };
    expect(subgraphUrl(env, 'alliance', 'http://127.0.0.1:4001/graphql')).toBe('http://alliance:4000/graphql');
    expect(subgraphUrl(env, 'a-new-kind', undefined)).toBe('http://a-new-kind:4000/graphql');
    for (const [name, url] of Object.entries(subgraphUrlsOf(supergraph, env))) {
      expect(url).toBe(`http://${name}:4000/graphql`);
    }
  });

  it('fills {port} with the composed port moved by the gateway port (a stack on other ports)', () => {
    const env = { PORT: 4170, HUB_SUBGRAPH_URL_TEMPLATE: 'http://127.0.0.1:{port}/graphql' };
    expect(subgraphUrl(env, 'alliance', 'http://127.0.0.1:4001/graphql')).toBe('http://127.0.0.1:4171/graphql');
    expect(subgraphUrl(env, 'a-new-kind', 'http://127.0.0.1:4009/graphql')).toBe('http://127.0.0.1:4179/graphql');
    expect(subgraphUrl({ ...env, PORT: 4000 }, 'x', 'http://127.0.0.1:4003/graphql')).toBe('http://127.0.0.1:4003/graphql');
    expect(() => subgraphUrl({ ...env, PORT: 65535 }, 'x', 'http://127.0.0.1:4003/graphql')).toThrow(/not a port/);
    expect(() => subgraphUrl(env, 'x', undefined)).toThrow(/no URL for subgraph x/);
  });
});
