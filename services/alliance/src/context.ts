import type { Viewer } from '@hub/contracts';
import { forbidden, loaderByGroup, loaderById, unauthenticated } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ActivityIndex,
  type ActivityIndexRow,
  Agreement,
  type AgreementRow,
  Alliance,
  type AllianceRow,
  CommitmentIndex,
  type CommitmentIndexRow,
  JointMeeting,
  type JointMeetingRow,
  Membership,
  type MembershipRow,
} from './entities.ts';
import type { EventHub } from './event-hub.ts';

export function createAllianceLoaders(em: EntityManager) {
  return {
    alliance: loaderById<AllianceRow>(em, Alliance),
    commitment: loaderById<CommitmentIndexRow>(em, CommitmentIndex),
    activity: loaderById<ActivityIndexRow>(em, ActivityIndex),
    membersOfAlliance: loaderByGroup<MembershipRow>(em, Membership, 'allianceId', { partnerName: 'asc' }),
    agreementsOfAlliance: loaderByGroup<AgreementRow>(em, Agreement, 'allianceId'),
    meetingsOfAlliance: loaderByGroup<JointMeetingRow>(em, JointMeeting, 'allianceId', { heldAt: 'desc' }),
  };
}

export interface AllianceContext {
  readonly em: EntityManager;
  readonly viewer: Viewer;
  readonly loaders: ReturnType<typeof createAllianceLoaders>;
  readonly events: EventHub;
  /** The live feed's cursor as this request first read it (`Alliance.liveCursor`). */
  liveCursor?: Promise<string>;
}

/** Only coordinators manage alliances; anonymous callers are asked to sign in. */
export function requireCoordinator(viewer: Viewer): void {
  if (viewer.role === 'anonymous') {
    throw unauthenticated('Sign in as a coordinator to manage alliances');
  }
  if (viewer.role !== 'coordinator') {
    throw forbidden('Only the alliance coordinator (联盟牵头单位) may do this');
  }
}
