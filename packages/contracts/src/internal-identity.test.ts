import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdentityVerifier, type InternalIdentity, signInternalIdentity } from './internal-identity.ts';

const secret = 'a-test-secret-of-at-least-thirty-two-characters';
const editor: InternalIdentity = {
  viewer: { subject: 'editor-1', role: 'partner_editor', partnerId: 'p-1', name: '编辑' },
  caller: 'gateway',
};

afterEach(() => {
  vi.useRealTimers();
});

describe('createIdentityVerifier', () => {
  it('gives the signed identity, the same for the same token asked again', async () => {
    const verify = createIdentityVerifier(secret);
    const token = await signInternalIdentity(editor, secret);
    const first = await verify(token);
    expect(first).toEqual(editor);
    expect(await verify(token)).toBe(first);
  });

  it('refuses a token signed with another secret or changed in transit, also after a valid one', async () => {
    const verify = createIdentityVerifier(secret);
    const token = await signInternalIdentity(editor, secret);
    await verify(token);
    const [header, , signature] = token.split('.');
    const coordinator = Buffer.from(JSON.stringify({ role: 'coordinator', sub: 'x', caller: 'gateway' })).toString('base64url');
    await expect(verify(`${header}.${coordinator}.${signature}`)).rejects.toThrow();
    await expect(verify(await signInternalIdentity(editor, `${secret}-other`))).rejects.toThrow();
  });

  it('refuses a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const verify = createIdentityVerifier(secret);
    const token = await signInternalIdentity(editor, secret);
    await verify(token);
    vi.setSystemTime(Date.now() + 61_000);
    await expect(verify(token)).rejects.toThrow();
  });
});
