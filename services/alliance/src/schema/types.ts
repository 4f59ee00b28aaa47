import { Category, CommitmentStatus, type PartnerKind, PartnerKindScalar } from '@hub/contracts';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Directive, Field, Float, ID, InputType, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { federatedKinds } from '../kinds.ts';
import { MemberLocation } from '../overview/types.ts';

/** What happened to an item of the joint list or an activity. */
export enum ChangeAction {
  PUBLISHED = 'PUBLISHED',
  UPDATED = 'UPDATED',
  PROGRESS_REPORTED = 'PROGRESS_REPORTED',
  COMPLETED = 'COMPLETED',
  WITHDRAWN = 'WITHDRAWN',
  CREATED = 'CREATED',
}
registerEnumType(ChangeAction, { name: 'ChangeAction', description: 'What happened to a list item or activity' });

/** An item's traffic light (红黄绿灯): the rule is `trafficLight` in @hub/contracts. */
export enum TrafficLightValue {
  GREEN = 'GREEN',
  YELLOW = 'YELLOW',
  RED = 'RED',
}
registerEnumType(TrafficLightValue, {
  name: 'TrafficLight',
  description:
    'Green on track; yellow due soon and behind schedule, or no progress for staleDays; red overdue or no progress for 2 × staleDays',
});

/** Why an item has its light. */
export enum LightReasonValue {
  OVERDUE = 'OVERDUE',
  LONG_NO_PROGRESS = 'LONG_NO_PROGRESS',
  DUE_SOON_BEHIND = 'DUE_SOON_BEHIND',
  NO_RECENT_PROGRESS = 'NO_RECENT_PROGRESS',
  ON_TRACK = 'ON_TRACK',
}
registerEnumType(LightReasonValue, {
  name: 'LightReason',
  description: 'Why an item has its light',
  valuesConfig: {
    OVERDUE: { description: 'Red: the due date has passed' },
    LONG_NO_PROGRESS: { description: 'Red: no progress for 2 × staleDays days' },
    DUE_SOON_BEHIND: { description: 'Yellow: due within dueSoonDays days, progress behind schedule' },
    NO_RECENT_PROGRESS: { description: 'Yellow: no progress for staleDays days' },
    ON_TRACK: { description: 'Green' },
  },
});

const typePrefixes = new Map(federatedKinds.map((names) => [names.kind, names.typePrefix]));
/** The GraphQL type of a partner kind's entity: `typeName('TRAFFIC_POLICE', 'Commitment')` → `TrafficPoliceCommitment`. */
export const typeName = (kind: string, suffix: string) => `${typePrefixes.get(kind) ?? kind}${suffix}`;

// ── Entity interfaces: the alliance declares each with @key and one stub per partner kind ──

@InterfaceType('Commitment', { resolveType: (row: { kind: string }) => typeName(row.kind, 'Commitment') })
@Directive('@key(fields: "id")')
export abstract class CommitmentRef {
  @Field(() => ID) id!: string;
  @Field(() => TrafficLightValue, {
    nullable: true,
    description:
      'The traffic light (红黄绿灯) by the alliance’s thresholds; null for an item that is closed (completed, withdrawn) or not on the list',
  })
  light?: TrafficLightValue | null;
  @Field(() => LightReasonValue, { nullable: true, description: 'Why the item has its light' }) lightReason?: LightReasonValue | null;
  @Field(() => Int, {
    nullable: true,
    description:
      '督办次数: reminders sent on this item (manual and automatic); null unless the caller is the coordinator or an editor of its partner',
  })
  reminderCount?: number | null;
  @Field(() => [Reminder], {
    nullable: true,
    description:
      '督办: the reminders sent on this item with their answers and decisions, oldest first (the coordinator and the item’s own editors)',
  })
  reminders?: Reminder[] | null;
}

@InterfaceType('Partner', { resolveType: (row: { kind: string }) => typeName(row.kind, 'Partner') })
@Directive('@key(fields: "id")')
export abstract class PartnerRef {
  @Field(() => ID) id!: string;
}

@InterfaceType('JointActivity', { resolveType: (row: { kind: string }) => typeName(row.kind, 'Activity') })
@Directive('@key(fields: "id")')
export abstract class ActivityRef {
  @Field(() => ID) id!: string;
  @Field(() => [PartnerRef], { description: 'Partners invited to take part' }) invitedPartners!: PartnerRef[];
  @Field(() => [CommitmentRef], { description: 'Commitments this activity advanced' }) advancedCommitments!: CommitmentRef[];
}

/** One stub object type per partner kind implementing an entity interface of the alliance (`<TypePrefix><suffix> @key(fields: "id")`). */
export function stubs(base: abstract new () => any, suffix: string) {
  return federatedKinds.map(({ typePrefix }) => {
    const name = `${typePrefix}${suffix}`;
    const stub = { [name]: class extends base {} }[name] as new () => unknown;
    Directive('@key(fields: "id")')(stub);
    ObjectType(name, { implements: base })(stub);
    return stub;
  });
}

/** One stub type per partner kind and interface: `<TypePrefix>Commitment { id }` and so on. */
export const entityStubs = [...stubs(CommitmentRef, 'Commitment'), ...stubs(PartnerRef, 'Partner'), ...stubs(ActivityRef, 'Activity')];

// ── Coordination data ──

@ObjectType({ description: '联络员: the person a partner names to the alliance' })
export class Liaison {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
}

@ObjectType({ description: 'A partner’s membership of an alliance' })
export class AllianceMember {
  @Field(() => ID) partnerId!: string;
  @Field(() => PartnerKindScalar) kind!: PartnerKind;
  @Field(() => String, { description: 'Name as registered with the alliance' }) name!: string;
  @Field(() => PartnerRef, { nullable: true, description: 'The partner as its own subgraph knows it' }) partner?: PartnerRef | null;
  @Field(() => Liaison, { nullable: true }) liaison?: Liaison | null;
  @Field(() => DateResolver) joinedOn!: string;
  @Field(() => MemberLocation, {
    nullable: true,
    description: 'Where the partner is (the wall’s map); null when the coordinator gave none',
  })
  location?: MemberLocation | null;
}

@ObjectType({ description: 'A signatory of the agreement' })
export class Signatory {
  @Field(() => ID, { nullable: true }) partnerId?: string | null;
  @Field(() => String) organization!: string;
  @Field(() => String) signer!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
}

@ObjectType({ description: '共建协议: the signed agreement founding the alliance' })
export class Agreement {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => DateResolver) signedOn!: string;
  @Field(() => [Signatory]) signatories!: Signatory[];
  @Field(() => [String]) terms!: string[];
  @Field(() => Int) version!: number;
}

@ObjectType({ description: '联席会议: a joint meeting convened by the coordinator' })
export class JointMeeting {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => DateTimeResolver) heldAt!: Date;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => [String]) agenda!: string[];
  @Field(() => String, { nullable: true }) decisions?: string | null;
  @Field(() => String) convenedBy!: string;
}

// ── The joint list ──

@InputType({ description: 'Filters of the joint list; all given conditions must hold' })
export class CoBuildingListFilter {
  @Field(() => [CommitmentStatus], { nullable: true }) status?: CommitmentStatus[] | null;
  @Field(() => [Category], { nullable: true }) category?: Category[] | null;
  @Field(() => [ID], { nullable: true }) partnerId?: string[] | null;
  @Field(() => [PartnerKindScalar], { nullable: true }) partnerKind?: PartnerKind[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Due date passed and not completed (or withdrawn)' }) overdue?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Open items with no progress for this many days' }) staleDays?: number | null;
  @Field(() => [TrafficLightValue], { nullable: true, description: 'Open items with one of these lights' }) light?:
    | TrafficLightValue[]
    | null;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}

@ObjectType({ description: 'An item of the joint list; `node` is null when its partner’s subgraph is unreachable' })
export class CommitmentEdge {
  @Field(() => String) cursor!: string;
  @Field(() => CommitmentRef, { nullable: true }) node?: CommitmentRef | null;
}

@ObjectType({ description: 'A page of the joint list; `totalCount` counts every item the filter matches' })
export class CommitmentConnection {
  @Field(() => [CommitmentEdge]) edges!: CommitmentEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

// ── Statistics ──

@ObjectType({ description: 'Completion figures of one group of list items (withdrawn items excluded)' })
export class CompletionFigures {
  @Field(() => Int) total!: number;
  @Field(() => Int) completed!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Float, { description: 'completed / total, 0 when total is 0' }) completionRate!: number;
  @Field(() => Float, { description: 'Mean progress in percent' }) averageProgress!: number;
}

@ObjectType()
export class PartnerCompletion extends CompletionFigures {
  @Field(() => ID) partnerId!: string;
  @Field(() => String) partnerName!: string;
  @Field(() => PartnerKindScalar) kind!: PartnerKind;
}

@ObjectType()
export class CategoryCompletion extends CompletionFigures {
  @Field(() => Category) category!: Category;
}

@ObjectType({ description: 'Tracking figures of an alliance’s joint list' })
export class AllianceStats {
  @Field(() => CompletionFigures) overall!: CompletionFigures;
  @Field(() => [PartnerCompletion]) byPartner!: PartnerCompletion[];
  @Field(() => [CategoryCompletion]) byCategory!: CategoryCompletion[];
  @Field(() => Int, { description: 'Open items with no progress for staleDays days' }) stale!: number;
  @Field(() => Int) staleDays!: number;
}

// ── Live changes ──

@ObjectType({ description: 'A change of the joint list, as delivered to subscribers' })
export class CoBuildingListChange {
  @Field(() => String, { description: 'Pass as `after` to resume from here' }) cursor!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => ChangeAction) action!: ChangeAction;
  @Field(() => ID) commitmentId!: string;
  @Field(() => DateTimeResolver) occurredAt!: Date;
  @Field(() => CommitmentRef, { nullable: true }) commitment?: CommitmentRef | null;
}

@ObjectType({ description: 'A change of the alliance’s joint activities' })
export class ActivityChange {
  @Field(() => String) cursor!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => ChangeAction) action!: ChangeAction;
  @Field(() => ID) activityId!: string;
  @Field(() => DateTimeResolver) occurredAt!: Date;
  @Field(() => ActivityRef, { nullable: true }) activity?: ActivityRef | null;
}

@ObjectType({ description: 'The alliance’s statistics after a change of its joint list' })
export class AllianceStatsChange {
  @Field(() => String) cursor!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => DateTimeResolver) occurredAt!: Date;
  @Field(() => AllianceStats) stats!: AllianceStats;
}

// ── The coordinator's ledger ──

@ObjectType({ description: 'An alliance’s traffic-light thresholds, in days' })
export class LightThresholds {
  @Field(() => Int, { description: 'Yellow when due within this many days and behind schedule' }) dueSoonDays!: number;
  @Field(() => Int, { description: 'Yellow after this many days without progress, red after twice as many' }) staleDays!: number;
}

@InputType()
export class LightThresholdsInput {
  @Field(() => Int, { description: '1–365' }) dueSoonDays!: number;
  @Field(() => Int, { description: '1–365' }) staleDays!: number;
}

// ── Reminders (督办) ──

export enum ReminderTriggerValue {
  MANUAL = 'MANUAL',
  DUE_SOON = 'DUE_SOON',
  TURNED_RED = 'TURNED_RED',
}
registerEnumType(ReminderTriggerValue, {
  name: 'ReminderTrigger',
  description: 'Who sent a reminder: the coordinator (MANUAL), or the hub dueSoonDays before the due date or when the item turned red',
});

export enum ReminderStatusValue {
  OPEN = 'OPEN',
  ANSWERED = 'ANSWERED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ReminderStatusValue, {
  name: 'ReminderStatus',
  description: 'OPEN awaits the partner’s answer; ANSWERED awaits the coordinator’s decision; ACCEPTED and REJECTED are final',
});

export enum ReminderActionValue {
  SENT = 'SENT',
  READ = 'READ',
  ANSWERED = 'ANSWERED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(ReminderActionValue, { name: 'ReminderAction', description: 'What happened to a reminder' });

@ObjectType({ description: 'The partner’s answer to a reminder' })
export class ReminderAnswer {
  @Field(() => String, { description: 'Explanation (情况说明)' }) explanation!: string;
  @Field(() => DateResolver, { nullable: true, description: 'A new due date the partner proposes' }) proposedDueDate?: string | null;
  @Field(() => DateTimeResolver) answeredAt!: Date;
  @Field(() => String) answeredBy!: string;
}

@ObjectType({ description: 'The coordinator’s decision on an answer' })
export class ReminderDecision {
  @Field(() => Boolean) accepted!: boolean;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => DateTimeResolver) decidedAt!: Date;
  @Field(() => String) decidedBy!: string;
}

@ObjectType({ description: '督办: a reminder on one item of the joint list, with its answer and decision' })
export class Reminder {
  @Field(() => ID) id!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => String, { nullable: true, description: 'The alliance’s name' }) allianceName?: string | null;
  @Field(() => ID) commitmentId!: string;
  @Field(() => CommitmentRef, { nullable: true, description: 'The item (null if it left the list)' }) commitment?: CommitmentRef | null;
  @Field(() => ID) partnerId!: string;
  @Field(() => String, { nullable: true, description: 'The partner’s name as registered with the alliance' }) partnerName?: string | null;
  @Field(() => PartnerKindScalar) kind!: PartnerKind;
  @Field(() => ReminderTriggerValue) trigger!: ReminderTriggerValue;
  @Field(() => String) message!: string;
  @Field(() => DateResolver, { description: 'Answer by this day' }) replyBy!: string;
  @Field(() => DateTimeResolver) sentAt!: Date;
  @Field(() => String, { nullable: true, description: 'Who sent it; null when the hub sent it by itself' }) sentBy?: string | null;
  @Field(() => ReminderStatusValue) status!: ReminderStatusValue;
  @Field(() => ReminderAnswer, { nullable: true }) answer?: ReminderAnswer | null;
  @Field(() => ReminderDecision, { nullable: true }) decision?: ReminderDecision | null;
  @Field(() => Boolean, { description: 'Whether the partner’s editors have opened it since it was sent or decided' }) read!: boolean;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when answering or deciding' }) version!: number;
}

@ObjectType({
  description: 'Reminders to act on: a partner editor’s (its partner’s reminders) or the coordinator’s (answers awaiting a decision)',
})
export class ReminderInbox {
  @Field(() => Int, { description: 'Editors: reminders not yet opened; the coordinator: answers awaiting a decision' })
  unreadCount!: number;
  @Field(() => [Reminder], { description: 'Newest first' }) reminders!: Reminder[];
  @Field(() => String, { description: 'Subscribe to reminderChanged with `after` set to it to miss nothing since this read' })
  liveCursor!: string;
}

@ObjectType({ description: 'A change of a reminder, as delivered to its partner’s subscribers' })
export class ReminderChange {
  @Field(() => String, { description: 'Pass as `after` to resume from here' }) cursor!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => ID) partnerId!: string;
  @Field(() => ReminderActionValue) action!: ReminderActionValue;
  @Field(() => ID) reminderId!: string;
  @Field(() => DateTimeResolver) occurredAt!: Date;
  @Field(() => Reminder, { nullable: true }) reminder?: Reminder | null;
}

@InputType({ description: 'A reminder on one item' })
export class ReminderInput {
  @Field(() => ID) commitmentId!: string;
  @Field(() => String, { description: '1–2000 characters' }) message!: string;
  @Field(() => DateResolver, { description: 'Today or later' }) replyBy!: string;
}

@InputType({ description: 'One reminder on each red item of a partner in an alliance' })
export class RedItemsReminderInput {
  @Field(() => ID) allianceId!: string;
  @Field(() => ID) partnerId!: string;
  @Field(() => String, { description: '1–2000 characters' }) message!: string;
  @Field(() => DateResolver, { description: 'Today or later' }) replyBy!: string;
}

@InputType()
export class ReminderAnswerInput {
  @Field(() => String, { description: '1–2000 characters' }) explanation!: string;
  @Field(() => DateResolver, { nullable: true, description: 'Today or later' }) proposedDueDate?: string | null;
}

@InputType()
export class ReminderDecisionInput {
  @Field(() => Boolean) accept!: boolean;
  @Field(() => String, { nullable: true, description: 'Up to 2000 characters; required when rejecting' }) note?: string | null;
}

// ── Coordinator inputs ──

@InputType()
export class AllianceInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { description: '联盟牵头单位' }) coordinatorName!: string;
  @Field(() => DateResolver, { nullable: true }) foundedOn?: string | null;
}

@InputType()
export class AdmitPartnerInput {
  @Field(() => ID) partnerId!: string;
  @Field(() => PartnerKindScalar) kind!: PartnerKind;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) liaisonName?: string | null;
  @Field(() => String, { nullable: true }) liaisonTitle?: string | null;
  @Field(() => DateResolver, { nullable: true }) joinedOn?: string | null;
  @Field(() => Float, { nullable: true, description: 'Where the partner is: degrees east, −180 to 180 (WGS 84), with latitude' })
  longitude?: number | null;
  @Field(() => Float, { nullable: true, description: 'Degrees north, −90 to 90, with longitude' }) latitude?: number | null;
  @Field(() => String, { nullable: true, description: 'The place in words, up to 100 characters (with longitude and latitude)' })
  place?: string | null;
}

@InputType()
export class SignatoryInput {
  @Field(() => ID, { nullable: true }) partnerId?: string | null;
  @Field(() => String) organization!: string;
  @Field(() => String) signer!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
}

@InputType()
export class AgreementInput {
  @Field(() => String) title!: string;
  @Field(() => DateResolver) signedOn!: string;
  @Field(() => [SignatoryInput]) signatories!: SignatoryInput[];
  @Field(() => [String]) terms!: string[];
}

@InputType()
export class JointMeetingInput {
  @Field(() => String) title!: string;
  @Field(() => DateTimeResolver) heldAt!: Date;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => [String]) agenda!: string[];
  @Field(() => String, { nullable: true }) decisions?: string | null;
}

@ObjectType({ description: '党建联盟: a standing co-building arrangement' })
@Directive('@key(fields: "id")')
export class Alliance {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { description: '联盟牵头单位' }) coordinatorName!: string;
  @Field(() => DateResolver, { nullable: true }) foundedOn?: string | null;
  @Field(() => Int) version!: number;
}
