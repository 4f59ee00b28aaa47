import { randomUUID } from 'node:crypto';
import { type ActivityType, type Category, CommitmentStatus } from '@hub/contracts';
import type { EntityManager, EntitySchema } from '@mikro-orm/postgresql';
import { activitySummary } from './activities.ts';
import { type SeedNeed, type SeedResource, seedCobuildItems } from './cobuild-seed.ts';
import { commitmentSummary } from './commitments.ts';
import {
  Activity,
  type ActivityRow,
  Branch,
  CommitmentChange,
  type CommitmentRow,
  Group,
  Member,
  Partner,
  ProgressReport,
} from './entities.ts';
import { queueEvent } from './writes.ts';

/** Demo data of one partner subgraph: its organizations, branches, commitments, activities, needs and resources. */
export interface PartnerSeed {
  partners: {
    id: string;
    name: string;
    shortName?: string;
    description?: string;
    /** Demo alliances the partner belongs to, with the liaison it names (the alliance's seed reads these). */
    alliances?: { allianceId: string; joinedOn: string; liaison: { name: string; title: string } }[];
    /** Its demo editor accounts (login, display name): the alliance's seed issues them, for the demo sign-in. */
    editors?: { login: string; name: string }[];
    branches: {
      id: string;
      name: string;
      secretary?: string;
      memberCount: number;
      foundedOn?: string;
      groups: { name: string; leader?: string; memberCount: number }[];
      members: { name: string; post?: string; phone?: string; joinedOn?: string }[];
    }[];
  }[];
  commitments: {
    id: string;
    allianceId: string;
    partnerId: string;
    branchId?: string;
    title: string;
    description?: string;
    category: Category;
    status: CommitmentStatus;
    progress: number;
    startDate?: string;
    dueDate?: string;
    progressNote?: string;
    extra: Record<string, unknown>;
  }[];
  activities: {
    id: string;
    allianceId: string;
    hostPartnerId: string;
    title: string;
    type: ActivityType;
    startsAt: string;
    location?: string;
    description?: string;
    minutes?: string;
    invitedPartnerIds: string[];
    attendance: { partnerId: string; partnerName: string; attendees: number }[];
    advancedCommitmentIds: string[];
  }[];
  /** Its partners' needs (需求清单); see `SeedNeed` for which reach the alliance's index. */
  needs?: SeedNeed[];
  /** Its partners' resources (资源清单); see `SeedResource`. */
  resources?: SeedResource[];
}

/**
 * Writes the seed in one transaction, unless the database already has partners (a second start
 * reuses the data). Published items get outbox rows, so the alliance learns of them exactly as
 * it learns of an editor's publish. Returns whether anything was written.
 */
export async function seedPartnerData(
  em: EntityManager,
  kind: string,
  commitmentEntity: EntitySchema<CommitmentRow>,
  seed: PartnerSeed,
): Promise<boolean> {
  if ((await em.count(Partner, {})) > 0) {
    return false;
  }
  await em.transactional(async (tx) => {
    const now = new Date();
    for (const partner of seed.partners) {
      tx.create(Partner, {
        id: partner.id,
        name: partner.name,
        shortName: partner.shortName ?? null,
        description: partner.description ?? null,
      });
      for (const branch of partner.branches) {
        tx.create(Branch, {
          id: branch.id,
          partnerId: partner.id,
          name: branch.name,
          secretary: branch.secretary ?? null,
          memberCount: branch.memberCount,
          foundedOn: branch.foundedOn ?? null,
        });
        for (const group of branch.groups) {
          tx.create(Group, { ...group, id: randomUUID(), partnerId: partner.id, branchId: branch.id, leader: group.leader ?? null });
        }
        for (const member of branch.members) {
          tx.create(Member, {
            post: null,
            phone: null,
            joinedOn: null,
            ...member,
            id: randomUUID(),
            partnerId: partner.id,
            branchId: branch.id,
          });
        }
      }
    }
    for (const item of seed.commitments) {
      const published = item.status !== CommitmentStatus.DRAFT;
      const row = tx.create(commitmentEntity, {
        ...item.extra,
        id: item.id,
        allianceId: item.allianceId,
        partnerId: item.partnerId,
        branchId: item.branchId ?? null,
        title: item.title,
        description: item.description ?? null,
        category: item.category,
        status: item.status,
        progress: item.progress,
        startDate: item.startDate ?? null,
        dueDate: item.dueDate ?? null,
        publishedAt: published ? now : null,
        completedAt: item.status === CommitmentStatus.COMPLETED ? now : null,
        lastProgressAt: item.progressNote ? now : null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      } as CommitmentRow);
      tx.create(CommitmentChange, {
        id: randomUUID(),
        partnerId: item.partnerId,
        commitmentId: item.id,
        actor: 'seed',
        at: now,
        field: 'status',
        oldValue: null,
        newValue: item.status,
      });
      if (item.progressNote) {
        tx.create(ProgressReport, {
          id: randomUUID(),
          partnerId: item.partnerId,
          commitmentId: item.id,
          percent: item.progress,
          text: item.progressNote,
          evidence: [],
          figures: [],
          reportedAt: now,
          reportedBy: 'seed',
        });
      }
      if (published) {
        queueEvent(tx, 'commitment', row, commitmentSummary(row, kind));
      }
    }
    for (const activity of seed.activities) {
      const row = tx.create(Activity, {
        ...activity,
        startsAt: new Date(activity.startsAt),
        endsAt: null,
        updatedAt: now,
        version: 1,
      } as ActivityRow);
      queueEvent(tx, 'activity', row, activitySummary(row, kind));
    }
    seedCobuildItems(tx, seed, now);
  });
  return true;
}
