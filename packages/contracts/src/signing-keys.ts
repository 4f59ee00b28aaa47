import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';

/**
 * Signing keys of one service (the gateway, or a partner subgraph's relay), each organization
 * holding only its own. A key file is a private JWK Set of Ed25519 keys:
 *
 *   { "keys": [ <signing key>, <published too, during a rotation> … ] }
 *
 * The first key signs; every key's public half is published (`GET /.well-known/jwks.json`), so
 * verifiers accept both sides of a rotation. Rotation without downtime, each step a rewrite of
 * the file (read again within a second, no restart): `addNextKey` (a new key, published, not yet
 * signing) → once verifiers have refreshed, `promoteNextKey` (it signs; the old one is still
 * published for tokens in flight) → after the tokens' lifetime, `retireOldKeys`.
 */

/** JWS algorithm of every internal token (Ed25519). */
export const signingAlgorithm = 'EdDSA';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
}

export interface PublicKeySet {
  readonly keys: readonly JWK[];
}

/** The keys of one key file, read again when the file changes. */
export interface KeyRing {
  readonly path: string;
  /** The key that signs now (the file's first). */
  signing(): Promise<SigningKey>;
  /** The public half of every key in the file (what verifiers fetch). */
  publicKeys(): PublicKeySet;
}

/** A new Ed25519 private JWK whose `kid` is its RFC 7638 thumbprint. */
export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(signingAlgorithm, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: signingAlgorithm, use: 'sig' };
}

/** The file's keys, checked: Ed25519 private keys, each with its own kid, at least one. */
function readKeyFile(path: string): JWK[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Signing keys at ${path} cannot be read: ${(error as Error).message}`);
  }
  const keys = (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new Error(`Signing keys at ${path}: expected { "keys": [ … ] } with at least one key`);
  }
  const kids = new Set<string>();
  for (const key of keys as JWK[]) {
    if (key?.kty !== 'OKP' || key.crv !== 'Ed25519' || typeof key.d !== 'string' || typeof key.x !== 'string') {
      throw new Error(`Signing keys at ${path}: every key must be an Ed25519 private JWK (kty OKP, crv Ed25519, d, x)`);
    }
    if (typeof key.kid !== 'string' || key.kid === '' || kids.has(key.kid)) {
      throw new Error(`Signing keys at ${path}: every key needs a kid of its own`);
    }
    kids.add(key.kid);
  }
  return keys as JWK[];
}

/** Writes the file whole or not at all (a rename), readable by its owner only. */
function writeKeyFile(path: string, keys: readonly JWK[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const next = `${path}.${process.pid}.tmp`;
  writeFileSync(next, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  renameSync(next, path);
}

function publicHalf(key: JWK): JWK {
  return { kty: key.kty, crv: key.crv, x: key.x, kid: key.kid, alg: signingAlgorithm, use: 'sig' };
}

/** How often a key ring looks at its file's modification time, at most. */
const recheckMs = 1000;

export interface KeyRingOptions {
  /** Create a missing file with one new key (development); refuse it otherwise (production). */
  readonly create: boolean;
  /** Told when the file changed but cannot be read (the previous keys stay in use); silent when omitted. */
  readonly warn?: (message: string) => void;
}

/**
 * Opens a key file. A missing file is created with one new key when `create` is set (development:
 * keys generated on first start, into the data folder), refused otherwise (production).
 */
export async function openKeyRing(path: string, options: KeyRingOptions): Promise<KeyRing> {
  if (!existsSync(path)) {
    if (!options.create) {
      throw new Error(`No signing keys at ${path} (production never generates them: give this service its own key file)`);
    }
    writeKeyFile(path, [await generateSigningJwk()]);
  }
  let modified = statSync(path).mtimeMs;
  let checkedAt = Date.now();
  let keys = readKeyFile(path);
  let signing: Promise<SigningKey> = importSigning(keys);
  const refresh = () => {
    const now = Date.now();
    if (now - checkedAt < recheckMs) {
      return;
    }
    checkedAt = now;
    try {
      const mtime = statSync(path).mtimeMs;
      if (mtime !== modified) {
        const next = readKeyFile(path);
        modified = mtime;
        keys = next;
        signing = importSigning(next);
      }
    } catch (error) {
      // A broken or half-copied file: keep signing with the keys read before, and say so.
      options.warn?.(`keeping the previous signing keys: ${(error as Error).message}`);
    }
  };
  return {
    path,
    signing() {
      refresh();
      return signing;
    },
    publicKeys() {
      refresh();
      return { keys: keys.map(publicHalf) };
    },
  };
}

async function importSigning(keys: readonly JWK[]): Promise<SigningKey> {
  const [first] = keys as [JWK];
  return { kid: first.kid as string, privateKey: (await importJWK(first, signingAlgorithm)) as CryptoKey };
}

/** Where development keys are generated when HUB_SIGNING_KEYS is unset: `.data/keys/<service>.jwks.json`. */
export function developmentKeyPath(service: string): string {
  return resolve('.data', 'keys', `${service}.jwks.json`);
}

/**
 * A service's own key ring: HUB_SIGNING_KEYS when set, else its development key file. Only
 * development creates a missing file; production (whose environment check already demands
 * HUB_SIGNING_KEYS) refuses to start without one.
 */
export function openServiceKeys(
  service: string,
  path: string | undefined,
  mode: 'development' | 'production',
  warn: (message: string) => void,
): Promise<KeyRing> {
  return openKeyRing(path ?? developmentKeyPath(service), { create: mode === 'development', warn });
}

/** Rotation, step 1: a new key is published beside the signing one (second in the file). Returns its kid. */
export async function addNextKey(path: string): Promise<string> {
  const [first, ...rest] = readKeyFile(path) as [JWK, ...JWK[]];
  const next = await generateSigningJwk();
  writeKeyFile(path, [first, next, ...rest]);
  return next.kid as string;
}

/** Rotation, step 2: the key added last signs; the others stay published. */
export function promoteNextKey(path: string): void {
  const keys = readKeyFile(path);
  if (keys.length < 2) {
    throw new Error(`Signing keys at ${path}: there is no next key to promote (add one first)`);
  }
  const [first, next, ...rest] = keys as [JWK, JWK, ...JWK[]];
  writeKeyFile(path, [next, first, ...rest]);
}

/** Rotation, step 3: only the signing key stays. */
export function retireOldKeys(path: string): void {
  writeKeyFile(path, readKeyFile(path).slice(0, 1));
}

/** Least time between two fetches of another service's keys for tokens with an unknown kid. */
const unknownKidCooldownMs = 2000;

/**
 * The public keys of another service, fetched from its JWKS URL and fetched again after
 * `refreshMs`, or at once (at most every 2 s) for a token whose kid is not among them. When a
 * fetch fails, the keys fetched before stay in use: a service restarting or briefly unreachable
 * does not make every identity it signed earlier unverifiable. (jose's remote key set drops
 * them instead, hence this small wrapper around its local one.)
 */
export function remoteKeySet(url: string, refreshMs: number): JWTVerifyGetKey {
  let local: JWTVerifyGetKey | null = null;
  let fetchedAt = 0;
  let loading: Promise<JWTVerifyGetKey> | null = null;
  const load = () => {
    loading ??= (async () => {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
        if (!response.ok) {
          throw new Error(`${url} answered ${response.status}`);
        }
        local = createLocalJWKSet((await response.json()) as JSONWebKeySet);
        fetchedAt = Date.now();
        return local;
      } finally {
        loading = null;
      }
    })();
    return loading;
  };
  return async (header, token) => {
    let keys = local;
    if (!keys || Date.now() - fetchedAt > refreshMs) {
      keys = await load().catch((error: unknown) => {
        if (!local) {
          throw error;
        }
        return local;
      });
    }
    try {
      return await keys(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || Date.now() - fetchedAt < unknownKidCooldownMs) {
        throw error;
      }
      return (await load())(header, token);
    }
  };
}
