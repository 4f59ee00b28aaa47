import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createIdentityVerifier,
  gatewayIssuer,
  type InternalSigner,
  signInternalIdentity,
  type TrustedIssuers,
} from './internal-identity.ts';
import { addNextKey, type KeyRing, openKeyRing, promoteNextKey, remoteKeySet, retireOldKeys } from './signing-keys.ts';

const editor = { subject: 'editor-1', role: 'partner_editor', partnerId: 'p-1', name: '编辑' } as const;
const folder = mkdtempSync(join(tmpdir(), 'hub-keys-'));
let files = 0;

async function ring(warn?: (message: string) => void): Promise<KeyRing> {
  files += 1;
  return openKeyRing(join(folder, `service-${files}.jwks.json`), { create: true, warn });
}

/** Trusts each issuer with the keys its ring publishes at the moment of each verification. */
function trusting(signers: InternalSigner[]): TrustedIssuers {
  return new Map(
    signers.map((signer) => [signer.issuer, (header, token) => createLocalJWKSet(signer.keys.publicKeys() as never)(header, token)]),
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('internal identities', () => {
  it('gives the signed identity, the caller named by the issuer, the same for the same token asked again', async () => {
    const gateway = { issuer: gatewayIssuer, keys: await ring() };
    const relay = { issuer: 'enterprise', keys: await ring() };
    const verify = createIdentityVerifier('alliance', trusting([gateway, relay]));
    const token = await signInternalIdentity(editor, gateway, 'alliance');
    const first = await verify(token);
    expect(first).toEqual({ viewer: editor, caller: 'gateway' });
    expect(await verify(token)).toBe(first);
    expect((await verify(await signInternalIdentity({ subject: 'relay', role: 'viewer' }, relay, 'alliance'))).caller).toBe(
      'relay:enterprise',
    );
  });

  it('refuses a token for another audience, from an issuer not trusted, or signed with another issuer’s key', async () => {
    const gateway = { issuer: gatewayIssuer, keys: await ring() };
    const enterprise = { issuer: 'enterprise', keys: await ring() };
    const university = { issuer: 'university', keys: await ring() };
    const verify = createIdentityVerifier('alliance', trusting([gateway, enterprise]));
    const refusals = {
      'for the enterprise subgraph, replayed at the alliance': signInternalIdentity(editor, gateway, 'enterprise'),
      'from an issuer not trusted': signInternalIdentity(editor, university, 'alliance'),
      'the university’s key claiming to be the gateway': signInternalIdentity(
        editor,
        { issuer: gatewayIssuer, keys: university.keys },
        'alliance',
      ),
      'the university’s key claiming to be the enterprise relay': signInternalIdentity(
        editor,
        { issuer: 'enterprise', keys: university.keys },
        'alliance',
      ),
    };
    for (const [name, token] of Object.entries(refusals)) {
      await expect(verify(await token), name).rejects.toThrow();
    }
  });

  it('refuses a changed token, another algorithm and an unsigned one, also after a valid one', async () => {
    const gateway = { issuer: gatewayIssuer, keys: await ring() };
    const verify = createIdentityVerifier('alliance', trusting([gateway]));
    const token = await signInternalIdentity(editor, gateway, 'alliance');
    await verify(token);
    const [header, , signature] = token.split('.');
    const coordinator = Buffer.from(JSON.stringify({ role: 'coordinator', sub: 'x', iss: 'gateway', aud: 'alliance' })).toString(
      'base64url',
    );
    await expect(verify(`${header}.${coordinator}.${signature}`)).rejects.toThrow();
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    await expect(verify(`${none}.${coordinator}.`)).rejects.toThrow();
    const hmac = await new SignJWT({ role: 'coordinator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('gateway')
      .setAudience('alliance')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(new TextEncoder().encode(JSON.stringify(gateway.keys.publicKeys())));
    await expect(verify(hmac)).rejects.toThrow();
  });

  it('refuses a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const gateway = { issuer: gatewayIssuer, keys: await ring() };
    const verify = createIdentityVerifier('alliance', trusting([gateway]));
    const token = await signInternalIdentity(editor, gateway, 'alliance');
    await verify(token);
    vi.setSystemTime(Date.now() + 61_000);
    await expect(verify(token)).rejects.toThrow();
  });
});

describe('a relay’s identity', () => {
  it('is its subgraph’s, never a user’s, whatever role or partner its token claims', async () => {
    const relay = { issuer: 'enterprise', keys: await ring() };
    const verify = createIdentityVerifier('alliance', trusting([relay]));
    const claimed = await signInternalIdentity({ subject: 'x', role: 'coordinator', partnerId: 'p-1' }, relay, 'alliance');
    expect(await verify(claimed)).toEqual({ viewer: { subject: 'relay:enterprise', role: 'viewer' }, caller: 'relay:enterprise' });
  });
});

/** Serves `keys`' public half as a JWKS until closed; counts the fetches. */
async function keyServer(keys: KeyRing): Promise<{ url: string; fetches: () => number; close: () => Promise<void> }> {
  let fetches = 0;
  const server = createServer((_request, response) => {
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys.publicKeys()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    fetches: () => fetches,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('remoteKeySet', () => {
  it('fetches another service’s keys once, and again for a token with a new kid', async () => {
    const gateway = { issuer: gatewayIssuer, keys: await ring() };
    const served = await keyServer(gateway.keys);
    try {
      const verify = createIdentityVerifier('alliance', new Map([[gatewayIssuer, remoteKeySet(served.url, 60_000)]]));
      await verify(await signInternalIdentity(editor, gateway, 'alliance'));
      await verify(await signInternalIdentity({ ...editor, subject: 'editor-2' }, gateway, 'alliance'));
      expect(served.fetches()).toBe(1);
      // A new signing key, its kid unknown: fetched again once the 2 s cooldown has passed.
      await addNextKey(gateway.keys.path);
      promoteNextKey(gateway.keys.path);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      await verify(await signInternalIdentity({ ...editor, subject: 'editor-3' }, gateway, 'alliance'));
      expect(served.fetches()).toBe(2);
    } finally {
      await served.close();
    }
  });

  it('keeps the keys it fetched while the service cannot be reached, and refuses all while it never could', async () => {
    const gateway = { issuer: gatewayIssuer, keys: await ring() };
    const served = await keyServer(gateway.keys);
    const verify = createIdentityVerifier('alliance', new Map([[gatewayIssuer, remoteKeySet(served.url, 200)]]));
    await verify(await signInternalIdentity(editor, gateway, 'alliance'));
    await served.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(verify(await signInternalIdentity({ ...editor, subject: 'editor-2' }, gateway, 'alliance'))).resolves.toMatchObject({
      caller: 'gateway',
    });
    const never = createIdentityVerifier('alliance', new Map([[gatewayIssuer, remoteKeySet(served.url, 200)]]));
    await expect(never(await signInternalIdentity(editor, gateway, 'alliance'))).rejects.toThrow();
  });
});

describe('key rotation', () => {
  it('signs with the promoted key while tokens of the old one still verify, until it is retired', async () => {
    const keys = await ring();
    const gateway = { issuer: gatewayIssuer, keys };
    const verify = createIdentityVerifier('alliance', trusting([gateway]));
    const before = await signInternalIdentity(editor, gateway, 'alliance');
    const oldKid = (await keys.signing()).kid;

    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const nextKid = await addNextKey(keys.path);
    vi.setSystemTime(Date.now() + 1500);
    expect(keys.publicKeys().keys.map((key) => key.kid)).toEqual([oldKid, nextKid]);
    expect((await keys.signing()).kid).toBe(oldKid);
    expect(keys.publicKeys().keys.every((key) => key.d === undefined)).toBe(true);

    promoteNextKey(keys.path);
    vi.setSystemTime(Date.now() + 1500);
    expect((await keys.signing()).kid).toBe(nextKid);
    const after = await signInternalIdentity(editor, gateway, 'alliance');
    await expect(verify(before)).resolves.toMatchObject({ caller: 'gateway' });
    await expect(verify(after)).resolves.toMatchObject({ caller: 'gateway' });

    retireOldKeys(keys.path);
    vi.setSystemTime(Date.now() + 1500);
    expect(keys.publicKeys().keys.map((key) => key.kid)).toEqual([nextKid]);
    const fresh = createIdentityVerifier('alliance', trusting([gateway]));
    await expect(fresh(before)).rejects.toThrow();
    await expect(fresh(after)).resolves.toMatchObject({ caller: 'gateway' });
  });

  it('keeps the keys it has when the file is broken, and refuses to create one where it may not', async () => {
    const warnings: string[] = [];
    const keys = await ring((message) => warnings.push(message));
    const kid = (await keys.signing()).kid;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    writeFileSync(keys.path, '{ "keys": [ { "kty": "oct" } ] }');
    vi.setSystemTime(Date.now() + 1500);
    expect((await keys.signing()).kid).toBe(kid);
    expect(warnings).toEqual([expect.stringMatching(/^keeping the previous signing keys: .*Ed25519/)]);
    await expect(openKeyRing(join(folder, 'missing.jwks.json'), { create: false })).rejects.toThrow(/No signing keys/);
  });
});
