import { randomUUID } from 'node:crypto';
import { defaultClaimHallDays } from '@hub/cobuild';
import { defaultLightThresholds } from '@hub/contracts';
import { assertId, badInput, conflict, dateTime, isoDate, maxItems, notFound, optionalText, requiredText } from '@hub/subgraph-kit';
import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { type AllianceContext, requireCoordinator } from '../context.ts';
import { Agreement as AgreementEntity, Alliance as AllianceEntity, JointMeeting as JointMeetingEntity, Membership } from '../entities.ts';
import { today } from '../joint-list.ts';
import { federatedKinds } from '../kinds.ts';
import { locationValues } from '../overview/location.ts';
import { memberView } from './alliance.resolver.ts';
import {
  AdmitPartnerInput,
  Agreement,
  AgreementInput,
  Alliance,
  AllianceInput,
  AllianceMember,
  JointMeeting,
  JointMeetingInput,
} from './types.ts';

export async function existingAlliance(ctx: AllianceContext, id: string) {
  const alliance = await ctx.em.findOne(AllianceEntity, { id: assertId(id, 'allianceId') });
  if (!alliance) {
    throw notFound('Alliance', id);
  }
  return alliance;
}

/**
 * An admission's values, checked (admitPartner and the alliance's import share them): the kind
 * must be federated here, the id a UUID, the texts within their limits. Throws BAD_USER_INPUT
 * naming the field.
 */
export function admissionValues(input: AdmitPartnerInput) {
  if (!federatedKinds.some((names) => names.kind === input.kind)) {
    throw badInput(
      `No partner kind ${input.kind} is federated here; one of ${federatedKinds.map((names) => names.kind).join(', ')}`,
      'kind',
      { reason: 'UNKNOWN_KIND' },
    );
  }
  return {
    partnerId: assertId(input.partnerId, 'partnerId'),
    kind: input.kind,
    partnerName: requiredText(input.name, 'name', 200),
    liaisonName: optionalText(input.liaisonName, 'liaisonName', 60),
    liaisonTitle: optionalText(input.liaisonTitle, 'liaisonTitle', 100),
    joinedOn: isoDate(input.joinedOn, 'joinedOn') ?? today(),
    ...locationValues(input),
  };
}

/** A joint meeting's values, checked (conveneJointMeeting and the alliance's import share them). Throws BAD_USER_INPUT naming the field. */
export function meetingValues(input: JointMeetingInput) {
  return {
    title: requiredText(input.title, 'title', 200),
    heldAt: dateTime(input.heldAt, 'heldAt') as Date,
    location: optionalText(input.location, 'location', 200),
    agenda: maxItems(input.agenda, 'agenda', 50).map((item) => requiredText(item, 'agenda', 500)),
    decisions: optionalText(input.decisions, 'decisions', 20000),
  };
}

/** The coordinator's writes: alliances, admissions, the agreement, joint meetings. */
@Resolver()
export class CoordinatorResolver {
  @Mutation(() => Alliance, { description: 'Create an alliance (coordinator)' })
  async createAlliance(@Arg('input', () => AllianceInput) input: AllianceInput, @Ctx() ctx: AllianceContext) {
    requireCoordinator(ctx.viewer);
    const alliance = ctx.em.create(AllianceEntity, {
      id: randomUUID(),
      name: requiredText(input.name, 'name', 200),
      description: optionalText(input.description, 'description', 5000),
      coordinatorName: requiredText(input.coordinatorName, 'coordinatorName', 200),
      foundedOn: isoDate(input.foundedOn, 'foundedOn'),
      createdAt: new Date(),
      ...defaultLightThresholds,
      claimHallDays: defaultClaimHallDays,
    } as never);
    await ctx.em.flush();
    return alliance;
  }

  @Mutation(() => AllianceMember, { description: 'Admit a partner to an alliance, naming its liaison (coordinator)' })
  async admitPartner(
    @Arg('allianceId', () => ID) allianceId: string,
    @Arg('input', () => AdmitPartnerInput) input: AdmitPartnerInput,
    @Ctx() ctx: AllianceContext,
  ) {
    requireCoordinator(ctx.viewer);
    const values = admissionValues(input);
    const alliance = await existingAlliance(ctx, allianceId);
    const row = ctx.em.create(Membership, { id: randomUUID(), allianceId: alliance.id, ...values });
    try {
      await ctx.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict('This partner is already a member of the alliance');
      }
      throw error;
    }
    return memberView(row);
  }

  @Mutation(() => Agreement, { description: 'Record (or replace) the alliance’s agreement 共建协议 (coordinator)' })
  async recordAgreement(
    @Arg('allianceId', () => ID) allianceId: string,
    @Arg('input', () => AgreementInput) input: AgreementInput,
    @Ctx() ctx: AllianceContext,
  ) {
    requireCoordinator(ctx.viewer);
    const alliance = await existingAlliance(ctx, allianceId);
    if (input.signatories.length === 0) {
      throw badInput('An agreement needs at least one signatory', 'signatories');
    }
    const values = {
      title: requiredText(input.title, 'title', 200),
      signedOn: isoDate(input.signedOn, 'signedOn') as string,
      signatories: maxItems(input.signatories, 'signatories', 50).map((s) => ({
        partnerId: s.partnerId ? assertId(s.partnerId, 'partnerId') : null,
        organization: requiredText(s.organization, 'organization', 200),
        signer: requiredText(s.signer, 'signer', 60),
        title: optionalText(s.title, 'title', 100),
      })),
      terms: maxItems(input.terms, 'terms', 100).map((term) => requiredText(term, 'terms', 2000)),
    };
    const existing = await ctx.em.findOne(AgreementEntity, { allianceId: alliance.id });
    const agreement = existing
      ? Object.assign(existing, values)
      : ctx.em.create(AgreementEntity, { ...values, id: randomUUID(), allianceId: alliance.id } as never);
    await ctx.em.flush();
    return agreement;
  }

  @Mutation(() => JointMeeting, { description: 'Convene a joint meeting 联席会议 (coordinator)' })
  async conveneJointMeeting(
    @Arg('allianceId', () => ID) allianceId: string,
    @Arg('input', () => JointMeetingInput) input: JointMeetingInput,
    @Ctx() ctx: AllianceContext,
  ) {
    requireCoordinator(ctx.viewer);
    const alliance = await existingAlliance(ctx, allianceId);
    const meeting = ctx.em.create(JointMeetingEntity, {
      id: randomUUID(),
      allianceId: alliance.id,
      ...meetingValues(input),
      convenedBy: ctx.viewer.name ?? ctx.viewer.subject,
    });
    await ctx.em.flush();
    return meeting;
  }
}
