import { describe, expect, it } from 'vitest';
import { parseGatewayEnv } from './env.ts';

describe('the gateway environment', () => {
  it('starts in development on the defaults', () => {
    const env = parseGatewayEnv({});
    expect(env.PORT).toBe(4000);
    expect(env.HUB_DEMO_LOGIN).toBe(true);
  });

  it('names every invalid variable', () => {
    expect(() => parseGatewayEnv({ PORT: 'eighty', HUB_MAX_DEPTH: '-1' })).toThrow(/PORT.*HUB_MAX_DEPTH|HUB_MAX_DEPTH.*PORT/);
  });

  it('takes subgraph URLs from the supergraph unless one template for every subgraph is set', () => {
    expect(parseGatewayEnv({}).HUB_SUBGRAPH_URL_TEMPLATE).toBeUndefined();
    expect(parseGatewayEnv({ HUB_SUBGRAPH_URL_TEMPLATE: 'http://{name}:4000/graphql' }).HUB_SUBGRAPH_URL_TEMPLATE).toBe(
      'http://{name}:4000/graphql',
    );
    expect(() => parseGatewayEnv({ HUB_SUBGRAPH_URL_TEMPLATE: 'http://127.0.0.1:4001/graphql' })).toThrow(
      /HUB_SUBGRAPH_URL_TEMPLATE: must contain \{name\} or \{port\}/,
    );
    expect(() => parseGatewayEnv({ HUB_SUBGRAPH_URL_TEMPLATE: 'http://{host}:{port}/graphql' })).toThrow(
      /HUB_SUBGRAPH_URL_TEMPLATE: unknown placeholder \{host\}/,
    );
    expect(() => parseGatewayEnv({ HUB_SUBGRAPH_URL_TEMPLATE: '{name}/graphql' })).toThrow(/HUB_SUBGRAPH_URL_TEMPLATE: is not a URL/);
    expect(() => parseGatewayEnv({ HUB_SUBGRAPH_URL_TEMPLATE: 'ftp://{name}/graphql' })).toThrow(
      /HUB_SUBGRAPH_URL_TEMPLATE: must be an http/,
    );
    expect(() => parseGatewayEnv({ PORT: '0', HUB_SUBGRAPH_URL_TEMPLATE: 'http://127.0.0.1:{port}/graphql' })).toThrow(
      /\{port\} needs a fixed PORT/,
    );
  });

  it('refuses production without its own keys, with development secrets or the demo sign-in', () => {
    expect(() => parseGatewayEnv({ HUB_ENV: 'production' })).toThrow(
      /set HUB_SIGNING_KEYS to the gateway’s own key file; set HUB_JWKS_URL .*; HUB_DEMO_LOGIN must be 0/,
    );
  });

  it('accepts production with its own key file, a JWKS URL and no demo sign-in', () => {
    const env = parseGatewayEnv({
      HUB_ENV: 'production',
      HUB_SIGNING_KEYS: '/run/secrets/gateway.jwks.json',
      HUB_JWKS_URL: 'https://id.example.org/.well-known/jwks.json',
      HUB_DEMO_LOGIN: '0',
    });
    expect(env.HUB_ENV).toBe('production');
  });
});
