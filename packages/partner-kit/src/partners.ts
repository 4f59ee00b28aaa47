import { randomUUID } from 'node:crypto';
import { conflict, optionalText, requiredText } from '@hub/subgraph-kit';
import { type PartnerContext, requireCoordinator } from './context.ts';
import { Partner, type PartnerRow } from './entities.ts';
import type { PartnerRegistrationInput } from './types.ts';

/** Serializes registrations in one subgraph's database, so two of the same name cannot both pass the check. */
const registrationLockKey = 7_401_101;

/**
 * Registers a new organization (共建单位) of this subgraph's kind with a new id (coordinator
 * only). It starts with no branch: its editors add theirs (`createBranch`), and a commitment
 * needs none. A name another organization of this kind already has is refused (CONFLICT).
 * The alliance learns of it when the coordinator admits it (`admitPartner`).
 */
export async function registerPartner(ctx: PartnerContext, input: PartnerRegistrationInput): Promise<PartnerRow> {
  requireCoordinator(ctx.viewer);
  const values = {
    name: requiredText(input.name, 'name', 200),
    shortName: optionalText(input.shortName, 'shortName', 60),
    description: optionalText(input.description, 'description', 2000),
  };
  return ctx.em.transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(?)', [registrationLockKey]);
    if ((await em.count(Partner, { name: values.name })) > 0) {
      throw conflict(`An organization named ${values.name} is registered already`);
    }
    return em.create(Partner, { ...values, id: randomUUID() });
  });
}
