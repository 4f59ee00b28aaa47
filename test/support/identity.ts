import { join } from 'node:path';
import { gatewayIssuer, type InternalSigner, openKeyRing, signInternalIdentity, type Viewer } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';

/** Signs as one of the stack's services, with that service's own key file: `gateway`, or a kind's name (its relay). */
export async function signerOf(stack: Pick<RunningStack, 'keysDir'>, service: string): Promise<InternalSigner> {
  return { issuer: service, keys: await openKeyRing(join(stack.keysDir, `${service}.jwks.json`), { create: false }) };
}

/** `viewer`'s identity as the stack's gateway forwards it to `subgraph`. */
export async function gatewayIdentity(stack: Pick<RunningStack, 'keysDir'>, viewer: Viewer, subgraph: string): Promise<string> {
  return signInternalIdentity(viewer, await signerOf(stack, gatewayIssuer), subgraph);
}
