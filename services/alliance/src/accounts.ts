import type { InternalIdentity, PartnerKind } from '@hub/contracts';
import { assertId, backgroundFork, badInput, conflict, errorBody, requiredText } from '@hub/subgraph-kit';
import { type EntityManager, type MikroORM, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { type AllianceContext, requireCoordinator } from './context.ts';
import { Membership, PartnerAccount, type PartnerAccountRow } from './entities.ts';
import { federatedKinds } from './kinds.ts';

/**
 * A login: 3 to 40 characters, lower-case letters and digits in words joined by single dashes,
 * starting with a letter (`road-works-editor`, `clinic2-editor`). It is the token’s subject.
 */
export const loginPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** The development sign-in's built-in identities (gateway/src/demo-users.ts): no account may take their login. */
export const reservedLogins: ReadonlySet<string> = new Set(['coordinator', 'viewer']);

/** Checks a login's form; BAD_USER_INPUT (field `login`) naming the rule otherwise. */
export function validLogin(value: string): string {
  const login = requiredText(value, 'login', 40);
  if (login.length < 3 || !loginPattern.test(login)) {
    throw badInput(
      'login must be 3 to 40 lower-case letters, digits and single dashes, starting with a letter (e.g. clinic-editor)',
      'login',
    );
  }
  if (reservedLogins.has(login)) {
    throw badInput(`login ${login} is reserved for the development sign-in`, 'login');
  }
  return login;
}

/** An account as the coordinator's API and the gateway's sign-in show it. */
export function accountView(row: PartnerAccountRow) {
  return {
    login: row.login,
    name: row.name,
    partnerId: row.partnerId,
    kind: row.kind,
    partner: { id: row.partnerId, kind: row.kind },
    issuedAt: row.issuedAt,
    issuedBy: row.issuedBy,
  };
}

export interface EditorAccountFields {
  partnerId: string;
  kind: PartnerKind;
  login: string;
  name: string;
}

/**
 * Issues an editor account to a partner (coordinator only). The partner must be a member of an
 * alliance, as that kind: the alliance knows organizations only through their memberships, so an
 * organization is admitted before its editors get accounts. A login already issued is CONFLICT.
 */
export async function issueEditorAccount(ctx: AllianceContext, input: EditorAccountFields): Promise<PartnerAccountRow> {
  requireCoordinator(ctx.viewer);
  const login = validLogin(input.login);
  const name = requiredText(input.name, 'name', 100);
  const partnerId = assertId(input.partnerId, 'partnerId');
  if (!federatedKinds.some((names) => names.kind === input.kind)) {
    throw badInput(
      `No partner kind ${input.kind} is federated here; one of ${federatedKinds.map((names) => names.kind).join(', ')}`,
      'kind',
    );
  }
  const memberships = await ctx.em.find(Membership, { partnerId }, { limit: 1 });
  const membership = memberships[0];
  if (!membership) {
    throw badInput(
      `Partner ${partnerId} is not a member of any alliance; admit it (admitPartner) before issuing its accounts`,
      'partnerId',
    );
  }
  if (membership.kind !== input.kind) {
    throw badInput(`Partner ${partnerId} is a member as ${membership.kind}, not ${input.kind}`, 'kind');
  }
  if (await ctx.em.findOne(PartnerAccount, { login })) {
    throw conflict(`The login ${login} is taken`);
  }
  const row = ctx.em.create(PartnerAccount, {
    login,
    name,
    partnerId,
    kind: membership.kind,
    issuedAt: new Date(),
    issuedBy: ctx.viewer.name ?? ctx.viewer.subject,
  });
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict(`The login ${login} is taken`);
    }
    throw error;
  }
  return row;
}

/** The accounts of one partner, or of every partner, by login (coordinator only). */
export function editorAccounts(ctx: AllianceContext, partnerId: string | null | undefined): Promise<PartnerAccountRow[]> {
  requireCoordinator(ctx.viewer);
  const where = partnerId ? { partnerId: assertId(partnerId, 'partnerId') } : {};
  return ctx.em.find(PartnerAccount, where, { orderBy: { login: 'asc' } });
}

/** Who may ask `/accounts`: the gateway, for its development sign-in; no relay, no user. */
export const accountsCaller = 'gateway';

/**
 * The `/accounts` route: `{}` → `{ accounts: [{ login, name, partnerId, kind }] }` (every
 * account, by login), `{ login }` → `{ accounts: [that one] }` or none. Only the gateway may ask
 * (403 for relays); the gateway offers them in its development sign-in.
 */
export function createAccountsRoute(orm: MikroORM) {
  const body = z.object({ login: z.string().max(100).optional() }).strict();
  return async ({ body: raw, identity }: { body: unknown; identity: InternalIdentity | null }) => {
    if (identity?.caller !== accountsCaller) {
      return { status: 403, body: errorBody('FORBIDDEN', 'Only the gateway may ask for accounts') };
    }
    const parsed = body.safeParse(raw ?? {});
    if (!parsed.success) {
      return { status: 400, body: errorBody('BAD_USER_INPUT', 'Give {} or { login }') };
    }
    const em: EntityManager = backgroundFork(orm);
    const { login } = parsed.data;
    const rows = await em.find(PartnerAccount, login === undefined ? {} : { login }, { orderBy: { login: 'asc' } });
    return {
      status: 200,
      body: { accounts: rows.map((row) => ({ login: row.login, name: row.name, partnerId: row.partnerId, kind: row.kind })) },
    };
  };
}
