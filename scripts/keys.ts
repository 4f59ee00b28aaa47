/**
 * `pnpm keys <command> <file>`: a service's signing keys (a private JWK Set, ADR 0020).
 *
 *   create   a new key file with one Ed25519 key (refuses to overwrite one)
 *   add      rotation 1: a next key, published beside the signing one
 *   promote  rotation 2: the next key signs; the old one stays published for tokens in flight
 *   retire   rotation 3: only the signing key stays (wait the tokens' 60 s after promote)
 *   public   prints the public keys (the JWKS the service serves at /.well-known/jwks.json)
 *
 * A running service reads its file again within a second of each change: no restart.
 */
import { existsSync } from 'node:fs';
import { addNextKey, openKeyRing, promoteNextKey, retireOldKeys } from '@hub/contracts';

const [command, file] = process.argv.slice(2);
const usage = 'usage: pnpm keys create|add|promote|retire|public <key file>';

async function run(): Promise<string> {
  if (!file) {
    throw new Error(usage);
  }
  switch (command) {
    case 'create': {
      if (existsSync(file)) {
        throw new Error(`${file} exists; rotate its keys with add, promote and retire`);
      }
      const keys = await openKeyRing(file, { create: true });
      return `created ${file}, signing key ${(await keys.signing()).kid}`;
    }
    case 'add':
      return `added ${await addNextKey(file)} to ${file} (published; promote it once verifiers have it)`;
    case 'promote':
      promoteNextKey(file);
      return `${file}: the next key signs now`;
    case 'retire':
      retireOldKeys(file);
      return `${file}: only the signing key is left`;
    case 'public':
      return JSON.stringify((await openKeyRing(file, { create: false })).publicKeys(), null, 2);
    default:
      throw new Error(usage);
  }
}

run().then(
  (line) => console.log(line),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
