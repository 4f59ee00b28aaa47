import { ErrorCode, identityHeader, type Role } from '@hub/contracts';
import { HttpError } from '@hub/http';
import { logger } from '@hub/http/log';
import type { IdentitySigner } from './identity-tokens.ts';

const log = logger('gateway');

/** An identity the development sign-in offers (`GET /auth/demo-users`, `POST /auth/demo-login`, `pnpm demo-token`). */
export interface DemoUser {
  /** The sign-in name: the token's subject. */
  readonly id: string;
  readonly name: string;
  readonly role: Exclude<Role, 'anonymous'>;
  /** A partner editor's partner. */
  readonly partnerId?: string;
  /** A partner editor's partner kind (PartnerKind). */
  readonly kind?: string;
}

/**
 * The sign-in's own identities (docs/domain.md, "Who uses the product"): the coordinator and the wall
 * screen. Partner editors are the editor accounts the alliance keeps (seeded from each kind
 * folder's seed, or issued by the coordinator with `issueEditorAccount`).
 */
export const builtInDemoUsers: readonly DemoUser[] = Object.freeze([
  { id: 'coordinator', name: '省交通集团改扩建指挥部党委 · 周主任', role: 'coordinator' },
  { id: 'viewer', name: '数据大屏', role: 'viewer' },
]);

/** The form of a login (the alliance refuses any other): lower-case words of letters and digits joined by dashes. */
const loginPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

interface AccountAnswer {
  accounts: { login: string; name: string; partnerId: string; kind: string }[];
}

/**
 * Asks the alliance's internal `/accounts` route (`accountsUrl`), signed as the gateway: every
 * editor account, or the one with `login`. Rejects when the alliance cannot be reached or
 * answers anything but 200.
 */
export async function fetchEditorAccounts(accountsUrl: string, signIdentity: IdentitySigner, login?: string): Promise<DemoUser[]> {
  const identity = await signIdentity({ subject: 'gateway-demo-sign-in', role: 'viewer' }, 'alliance');
  const response = await fetch(accountsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [identityHeader]: identity },
    body: JSON.stringify(login === undefined ? {} : { login }),
    signal: AbortSignal.timeout(3000),
  });
  if (!response.ok) {
    throw new Error(`the alliance answered ${response.status}`);
  }
  const { accounts } = (await response.json()) as AccountAnswer;
  return accounts.map((account) => ({
    id: account.login,
    name: account.name,
    role: 'partner_editor',
    partnerId: account.partnerId,
    kind: account.kind,
  }));
}

/** The development sign-in's directory: the built-in identities and the alliance's editor accounts. */
export interface DemoDirectory {
  /** Everyone, built-in first; only the built-ins while the alliance cannot be reached. */
  list(): Promise<DemoUser[]>;
  /** One identity by its id; undefined for nobody. HTTP 503 SUBGRAPH_UNAVAILABLE when only the alliance could tell. */
  find(id: string): Promise<DemoUser | undefined>;
}

/** A directory asking the alliance at `accountsUrl()` (the alliance subgraph's URL with `/accounts`) on every call. */
export function createDemoDirectory(accountsUrl: () => string, signIdentity: IdentitySigner): DemoDirectory {
  return {
    async list() {
      try {
        return [...builtInDemoUsers, ...(await fetchEditorAccounts(accountsUrl(), signIdentity))];
      } catch (error) {
        log.warn(`demo sign-in lists no editor accounts: ${(error as Error).message}`);
        return [...builtInDemoUsers];
      }
    },
    async find(id) {
      const builtIn = builtInDemoUsers.find((user) => user.id === id);
      if (builtIn || id.length > 40 || !loginPattern.test(id)) {
        return builtIn;
      }
      try {
        return (await fetchEditorAccounts(accountsUrl(), signIdentity, id))[0];
      } catch (error) {
        log.warn(`demo sign-in cannot look up ${id}: ${(error as Error).message}`);
        throw new HttpError(
          503,
          ErrorCode.SUBGRAPH_UNAVAILABLE,
          'The alliance, which keeps the editor accounts, cannot be reached; try again shortly',
        );
      }
    },
  };
}
