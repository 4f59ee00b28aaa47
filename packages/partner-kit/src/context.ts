import type { PartnerKind, Viewer } from '@hub/contracts';
import { forbidden, loaderByGroup, loaderById, unauthenticated } from '@hub/subgraph-kit';
import type { EntityManager, EntitySchema } from '@mikro-orm/postgresql';
import { CobuildItemChange, type ItemChangeRow, Need, type NeedRow, Resource, type ResourceRow } from './cobuild-entities.ts';
import {
  Activity,
  type ActivityRow,
  Branch,
  type BranchRow,
  type ChangeRow,
  CommitmentChange,
  type CommitmentRow,
  Group,
  type GroupRow,
  Member,
  type MemberRow,
  Partner,
  type PartnerRow,
  ProgressReport,
  type ProgressRow,
} from './entities.ts';
import type { MembershipDirectory } from './memberships.ts';

/** What the partner subgraph knows about itself, fixed at start. */
export interface PartnerRuntime {
  readonly kind: PartnerKind;
  /** Subgraph name: the kind's folder name (`<name>`). */
  readonly name: string;
  readonly commitmentEntity: EntitySchema<CommitmentRow>;
  /** Values of the kind's own columns for a new commitment. */
  readonly creationDefaults: Record<string, unknown>;
  /** Who belongs to which alliance, for validating writes. */
  readonly memberships: MembershipDirectory;
  /** Wakes the outbox relay after a commit. */
  readonly nudgeRelay: () => void;
}

export function createPartnerLoaders(em: EntityManager, commitment: EntitySchema<CommitmentRow>) {
  return {
    partner: loaderById<PartnerRow>(em, Partner),
    branch: loaderById<BranchRow>(em, Branch),
    commitment: loaderById<CommitmentRow>(em, commitment),
    activity: loaderById<ActivityRow>(em, Activity),
    branchesOfPartner: loaderByGroup<BranchRow>(em, Branch, 'partnerId', { name: 'asc' }),
    groupsOfBranch: loaderByGroup<GroupRow>(em, Group, 'branchId', { name: 'asc' }),
    membersOfBranch: loaderByGroup<MemberRow>(em, Member, 'branchId', { name: 'asc' }),
    progressOfCommitment: loaderByGroup<ProgressRow>(em, ProgressReport, 'commitmentId', { reportedAt: 'desc' }),
    historyOfCommitment: loaderByGroup<ChangeRow>(em, CommitmentChange, 'commitmentId', { at: 'asc', id: 'asc' }),
    need: loaderById<NeedRow>(em, Need),
    resource: loaderById<ResourceRow>(em, Resource),
    historyOfItem: loaderByGroup<ItemChangeRow>(em, CobuildItemChange, 'itemId', { at: 'asc', id: 'asc' }),
  };
}
export type PartnerLoaders = ReturnType<typeof createPartnerLoaders>;

export interface PartnerContext {
  readonly em: EntityManager;
  readonly viewer: Viewer;
  readonly loaders: PartnerLoaders;
  readonly runtime: PartnerRuntime;
}

/**
 * How history rows and progress reports name the acting user: the display name from the token
 * (history is public in the joint view, so login ids stay out of it), else the subject.
 */
export function actorName(viewer: Viewer): string {
  return viewer.name ?? viewer.subject;
}

/** Whether the viewer edits for `partnerId` (the only one allowed to write its data). */
export function isEditorOf(viewer: Viewer, partnerId: string): boolean {
  return viewer.role === 'partner_editor' && viewer.partnerId === partnerId;
}

/**
 * Throws unless the viewer is the editor of `partnerId`: UNAUTHENTICATED for anonymous callers,
 * FORBIDDEN for everyone else.
 */
export function requireEditorOf(viewer: Viewer, partnerId: string): void {
  if (viewer.role === 'anonymous') {
    throw unauthenticated('Sign in as an editor of this partner to change its data');
  }
  if (!isEditorOf(viewer, partnerId)) {
    throw forbidden('Only an editor of the owning partner may change its data');
  }
}

/**
 * The partner an editor creates data for, which must be one this subgraph hosts: an editor of
 * one kind's partner cannot create another kind's commitments. FORBIDDEN otherwise.
 */
export async function hostedEditorPartnerId(ctx: PartnerContext): Promise<string> {
  const partnerId = editorPartnerId(ctx.viewer);
  if (!(await ctx.loaders.partner.load(partnerId))) {
    throw forbidden(`Your partner is not one of the ${ctx.runtime.name} subgraph’s; use your own kind’s namespace`);
  }
  return partnerId;
}

/** Only the coordinator (联盟牵头单位) registers organizations; anonymous callers are asked to sign in. */
export function requireCoordinator(viewer: Viewer): void {
  if (viewer.role === 'anonymous') {
    throw unauthenticated('Sign in as the coordinator to register organizations');
  }
  if (viewer.role !== 'coordinator') {
    throw forbidden('Only the alliance coordinator (联盟牵头单位) registers organizations');
  }
}

/** The partner an editor writes for; FORBIDDEN for anyone who is not a partner editor. */
export function editorPartnerId(viewer: Viewer): string {
  if (viewer.role === 'anonymous') {
    throw unauthenticated('Sign in as a partner editor to do this');
  }
  if (viewer.role !== 'partner_editor' || !viewer.partnerId) {
    throw forbidden('Only partner editors publish commitments and host activities');
  }
  return viewer.partnerId;
}
