import { type PartnerKind, PartnerKindScalar } from '@hub/contracts';
import { DateTimeResolver } from 'graphql-scalars';
import { Directive, Field, Float, ID, InputType, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { CommitmentRef, PartnerRef, stubs, typeName } from './types.ts';

/**
 * The alliance's part of 三张清单 (docs/three-lists.md): it adds to the partners' `Need` and
 * `Resource` entities (by `@key`, one stub per kind, as for `Commitment`) and owns claims,
 * projects, evaluations and their history.
 */

export enum NeedStageValue {
  OPEN = 'OPEN',
  CLAIMED = 'CLAIMED',
  IN_PROJECT = 'IN_PROJECT',
  DELIVERED = 'DELIVERED',
  CLOSED = 'CLOSED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(NeedStageValue, {
  name: 'NeedStage',
  description: 'Where a published need is: open, claimed (an open claim), in a project, delivered, closed (evaluated), or withdrawn',
});

export enum ClaimStatusValue {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ClaimStatusValue, {
  name: 'ClaimStatus',
  description: 'PENDING awaits the needing partner’s decision; the others are final',
});

export enum ProjectStatusValue {
  ACTIVE = 'ACTIVE',
  DELIVERED = 'DELIVERED',
  CLOSED = 'CLOSED',
}
registerEnumType(ProjectStatusValue, {
  name: 'ProjectStatus',
  description: 'ACTIVE until every commitment of the project is completed (DELIVERED); CLOSED (销号) once the needing partner evaluated it',
});

export enum MatchReasonCodeValue {
  SAME_CATEGORY = 'SAME_CATEGORY',
  SHARED_TAGS = 'SHARED_TAGS',
  SAME_PLACE = 'SAME_PLACE',
  IN_TIME = 'IN_TIME',
  HELP_KIND = 'HELP_KIND',
  ENOUGH_AMOUNT = 'ENOUGH_AMOUNT',
}
registerEnumType(MatchReasonCodeValue, {
  name: 'MatchReasonCode',
  description: 'Why a resource is proposed for a need (docs/three-lists.md, "Matching")',
  valuesConfig: {
    SAME_CATEGORY: { description: 'Same co-building measure; detail: the category' },
    SHARED_TAGS: { description: 'Tags in common; detail: the tags, comma-separated, in the need’s order' },
    SAME_PLACE: { description: 'One place contains the other; detail: the resource’s place' },
    IN_TIME: { description: 'Available before the need’s wantedBy and still; detail: the resource’s window `from..until`' },
    HELP_KIND: { description: 'Kinds of help asked and offered; detail: the kinds, comma-separated' },
    ENOUGH_AMOUNT: { description: 'The offered amount covers the asked one; detail: `KIND offered ≥ asked`, semicolon-separated' },
  },
});

export enum CobuildActionValue {
  NEED_PUBLISHED = 'NEED_PUBLISHED',
  NEED_UPDATED = 'NEED_UPDATED',
  NEED_WITHDRAWN = 'NEED_WITHDRAWN',
  RESOURCE_PUBLISHED = 'RESOURCE_PUBLISHED',
  RESOURCE_UPDATED = 'RESOURCE_UPDATED',
  RESOURCE_WITHDRAWN = 'RESOURCE_WITHDRAWN',
  CLAIMED = 'CLAIMED',
  CLAIM_ACCEPTED = 'CLAIM_ACCEPTED',
  CLAIM_DECLINED = 'CLAIM_DECLINED',
  CLAIM_WITHDRAWN = 'CLAIM_WITHDRAWN',
  PROJECT_CREATED = 'PROJECT_CREATED',
  PROJECT_DELIVERED = 'PROJECT_DELIVERED',
  EVALUATED = 'EVALUATED',
  ENTERED_CLAIM_HALL = 'ENTERED_CLAIM_HALL',
}
registerEnumType(CobuildActionValue, { name: 'CobuildAction', description: 'A step of 三张清单 in an alliance' });

// ── Entity interfaces: the partners own the content, the alliance adds what is between them ──

@InterfaceType('Need', { resolveType: (row: { kind: string }) => typeName(row.kind, 'Need') })
@Directive('@key(fields: "id")')
export abstract class NeedRef {
  @Field(() => ID) id!: string;
  @Field(() => NeedStageValue, { nullable: true, description: 'Where the need is in the cycle; null for a need not on the list (a draft)' })
  stage?: NeedStageValue | null;
  @Field(() => Boolean, {
    description: 'In the claim hall (领办大厅): published at least the alliance’s claimHallDays ago, no open claim, no project',
  })
  inClaimHall!: boolean;
  @Field(() => [ResourceMatch], {
    description:
      'The other partners’ published resources of the alliance that fit the need, best first, with their reasons (open and claimed needs only)',
  })
  matches!: ResourceMatch[];
  @Field(() => [Claim], { description: 'Its claims, oldest first' }) claims!: Claim[];
  @Field(() => Project, { nullable: true, description: 'The project made of it, once a claim is accepted' }) project?: Project | null;
}

@InterfaceType('Resource', { resolveType: (row: { kind: string }) => typeName(row.kind, 'Resource') })
@Directive('@key(fields: "id")')
export abstract class ResourceRef {
  @Field(() => ID) id!: string;
  @Field(() => [Project], { description: 'Projects the resource was claimed with, newest first' }) projects!: Project[];
}

/** One stub type per partner kind and interface: `<TypePrefix>Need { id }`, `<TypePrefix>Resource { id }`. */
export const cobuildStubs = [...stubs(NeedRef, 'Need'), ...stubs(ResourceRef, 'Resource')];

@ObjectType({ description: 'Why a resource is proposed for a need' })
export class MatchReason {
  @Field(() => MatchReasonCodeValue) code!: MatchReasonCodeValue;
  @Field(() => String, { nullable: true }) detail?: string | null;
}

@ObjectType({ description: 'A resource proposed for a need, with its fit (0–100) and reasons' })
export class ResourceMatch {
  @Field(() => ResourceRef) resource!: ResourceRef;
  @Field(() => Int, { description: '0–100: the weighted sum of the reasons (docs/three-lists.md, "Matching")' }) score!: number;
  @Field(() => [MatchReason]) reasons!: MatchReason[];
}

@ObjectType({ description: '认领 / 领办: a partner’s offer to meet another partner’s need' })
export class Claim {
  @Field(() => ID) id!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => ID) needId!: string;
  @Field(() => NeedRef) need!: NeedRef;
  @Field(() => ID) claimantPartnerId!: string;
  @Field(() => PartnerRef, { nullable: true, description: 'The claiming partner as its own subgraph knows it' })
  claimant?: PartnerRef | null;
  @Field(() => ID, { nullable: true }) resourceId?: string | null;
  @Field(() => ResourceRef, { nullable: true, description: 'The claimant’s resource it offers, if any' }) resource?: ResourceRef | null;
  @Field(() => String) proposal!: string;
  @Field(() => ClaimStatusValue) status!: ClaimStatusValue;
  @Field(() => String, { nullable: true, description: 'Why it was declined or closed' }) note?: string | null;
  @Field(() => String) createdBy!: string;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was accepted, declined or withdrawn' }) decidedAt?: Date | null;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when deciding or withdrawing' }) version!: number;
}

@ObjectType({ description: '评价: the needing partner’s evaluation of a delivered project' })
export class Evaluation {
  @Field(() => Int, { description: '1–5' }) satisfaction!: number;
  @Field(() => String) comment!: string;
  @Field(() => String) evaluatedBy!: string;
  @Field(() => DateTimeResolver) evaluatedAt!: Date;
}

@ObjectType({ description: '项目清单: a joint project made of an accepted claim, one commitment per partner' })
export class Project {
  @Field(() => ID) id!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => String) title!: string;
  @Field(() => NeedRef) need!: NeedRef;
  @Field(() => ID) needingPartnerId!: string;
  @Field(() => ID) givingPartnerId!: string;
  @Field(() => PartnerRef, { nullable: true }) needingPartner?: PartnerRef | null;
  @Field(() => PartnerRef, { nullable: true }) givingPartner?: PartnerRef | null;
  @Field(() => ResourceRef, { nullable: true }) resource?: ResourceRef | null;
  @Field(() => Claim) claim!: Claim;
  @Field(() => ProjectStatusValue) status!: ProjectStatusValue;
  @Field(() => [CommitmentRef], {
    nullable: 'items',
    description:
      'Each partner’s commitment to the project, the needing partner’s first; null where it is still a draft the caller may not see (or its subgraph is unreachable)',
  })
  commitments!: (CommitmentRef | null)[];
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When its last commitment was completed' }) deliveredAt?: Date | null;
  @Field(() => Evaluation, { nullable: true }) evaluation?: Evaluation | null;
  @Field(() => DateTimeResolver, { nullable: true, description: '销号: when it was evaluated and closed' }) closedAt?: Date | null;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when evaluating' }) version!: number;
  @Field(() => [CobuildChange], { description: 'Its claim’s and its own steps, oldest first' }) history!: CobuildChange[];
}

@ObjectType({ description: 'A step of 三张清单 in an alliance (history and live stream)' })
export class CobuildChange {
  @Field(() => ID) id!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => String, { description: 'Who took the step: a user’s name, a partner’s (index events) or 系统 (the hub)' }) actor!: string;
  @Field(() => CobuildActionValue) action!: CobuildActionValue;
  @Field(() => ID, { nullable: true }) needId?: string | null;
  @Field(() => ID, { nullable: true }) resourceId?: string | null;
  @Field(() => ID, { nullable: true }) claimId?: string | null;
  @Field(() => ID, { nullable: true }) projectId?: string | null;
  @Field(() => String, { nullable: true, description: 'The need’s or resource’s title, a claimant’s name, a note…' }) detail?:
    | string
    | null;
  @Field(() => String, { nullable: true, description: 'Live events only: pass as `after` to resume from here' }) cursor?: string | null;
  @Field(() => NeedRef, { nullable: true }) need?: NeedRef | null;
  @Field(() => ResourceRef, { nullable: true }) resource?: ResourceRef | null;
  @Field(() => Claim, { nullable: true }) claim?: Claim | null;
  @Field(() => Project, { nullable: true }) project?: Project | null;
}

@ObjectType({ description: 'One member partner’s 三张清单 figures in an alliance' })
export class PartnerCobuildFigures {
  @Field(() => ID) partnerId!: string;
  @Field(() => PartnerKindScalar) kind!: PartnerKind;
  @Field(() => String, { description: 'Its name as registered with the alliance' }) partnerName!: string;
  @Field(() => PartnerRef, { nullable: true }) partner?: PartnerRef | null;
  @Field(() => Int, { description: 'Its needs on the list (published, not withdrawn)' }) needsPublished!: number;
  @Field(() => Int, { description: 'Projects closed with it as the needing partner' }) needsMet!: number;
  @Field(() => Int, { description: 'Its resources on the list' }) resourcesPublished!: number;
  @Field(() => Int, { description: 'Projects closed with it as the giving partner' }) resourcesGiven!: number;
  @Field(() => Int, { description: 'Evaluations received as the giving partner' }) evaluations!: number;
  @Field(() => Float, { nullable: true, description: 'Their mean satisfaction (1–5); null without any' }) averageSatisfaction?:
    | number
    | null;
}

@InputType({ description: 'A claim of a need (checked by @hub/cobuild `claimInput`)' })
export class ClaimInput {
  @Field(() => ID) needId!: string;
  @Field(() => ID, { nullable: true, description: 'One of your partner’s published resources in the alliance' }) resourceId?: string | null;
  @Field(() => String, { description: '1–2000 characters' }) proposal!: string;
}

@InputType({ description: 'An evaluation (checked by @hub/cobuild `evaluationInput`)' })
export class EvaluationInput {
  @Field(() => Int, { description: '1–5' }) satisfaction!: number;
  @Field(() => String, { description: '1–2000 characters' }) comment!: string;
}
