import type { Viewer } from '@hub/contracts';
import { forbidden, loaderByGroup, loaderById, unauthenticated } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { createCobuildLoaders } from './cobuild/loaders.ts';
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
  Reminder,
  type ReminderRow,
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
    reminder: loaderById<ReminderRow>(em, Reminder),
    remindersOfCommitment: loaderByGroup<ReminderRow>(em, Reminder, 'commitmentId', { sentAt: 'asc', id: 'asc' }),
    reminderCountOfCommitment: new DataLoader<string, number>(async (ids) => {
      const rows = await em.execute<{ commitment_id: string; count: string }[]>(
        `select commitment_id, count(*) as count from reminder
         where commitment_id in (select value::uuid from json_array_elements_text(?::json)) group by commitment_id`,
        [JSON.stringify(ids)],
      );
      const counts = new Map(rows.map((row) => [row.commitment_id, Number(row.count)]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    ...createCobuildLoaders(em),
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

/** Whether the viewer may see the reminders (督办) of a partner's items: the coordinator and that partner's editors. */
export function seesRemindersOf(viewer: Viewer, partnerId: string): boolean {
  return viewer.role === 'coordinator' || (viewer.role === 'partner_editor' && viewer.partnerId === partnerId);
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
