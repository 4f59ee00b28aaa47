import { randomUUID } from 'node:crypto';
import type { ActivityType, Category, CommitmentStatus } from '@hub/contracts';
import type { EntityManager, EntitySchema } from '@mikro-orm/postgresql';
import { activitySummary } from './activities.ts';
import { assignmentActor } from './assignments.ts';
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
import { type SeedStory, storyRows } from './seed-story.ts';
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
    startDate?: string;
    dueDate?: string;
    extra: Record<string, unknown>;
    /** What its partner's people did and when; the row's dates and progress, its history and reports follow from it. */
    story: SeedStory;
  }[];
  activities: {
    id: string;
    allianceId: string;
    hostPartnerId: string;
    title: string;
    type: ActivityType;
    startsAt: string;
    endsAt?: string;
    /** When the host saved it first (ISO date-time), before it starts. */
    announcedAt: string;
    /** When the host recorded its minutes and attendance, after it started: required with either. */
    minutesAt?: string;
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
 * How the history names each person of the seed's partners: an editor by the display name of
 * their account (as their own writes would), anyone else of the partner (a branch's secretary,
 * a member, a group's leader) as `<short name> · <name>`. A name that is not of the partner stops
 * the seed.
 */
function actorsOf(seed: PartnerSeed): (partnerId: string, person: string) => string {
  const names = new Map<string, Map<string, string>>();
  for (const partner of seed.partners) {
    const people = new Map<string, string>();
    const label = partner.shortName ?? partner.name;
    for (const branch of partner.branches) {
      for (const person of [branch.secretary, ...branch.members.map((m) => m.name), ...branch.groups.map((g) => g.leader)]) {
        if (person) {
          people.set(person, `${label} · ${person}`);
        }
      }
    }
    for (const editor of partner.editors ?? []) {
      people.set(editor.name.split(' · ').at(-1) ?? editor.name, editor.name);
    }
    names.set(partner.id, people);
  }
  return (partnerId, person) => {
    const name = names.get(partnerId)?.get(person);
    if (!name) {
      throw new Error(`Seed: ${person} is not a person of partner ${partnerId}`);
    }
    return name;
  };
}

/** An outbox event to queue, at the time its change happened. */
interface Queued {
  at: Date;
  queue: () => void;
}

/**
 * Writes the seed in one transaction, unless the database already has partners (a second start
 * reuses the data). Each commitment is written as its story left it (`storyRows`): dates,
 * progress, version, history and progress reports by its partner's people. Published items and
 * activities get an outbox row with their latest version, queued in the order their latest
 * changes happened, so the alliance learns of them as of an editor's write and dates them
 * accordingly. Returns whether anything was written.
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
  const actor = actorsOf(seed);
  await em.transactional(async (tx) => {
    const now = new Date();
    const events: Queued[] = [];
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
      const { story, extra, ...fields } = item;
      const rows = storyRows(
        { title: item.title, status: item.status, story },
        { actor: (person) => actor(item.partnerId, person), projectActor: assignmentActor },
        (field) => (field in fields ? fields[field as keyof typeof fields] : extra[field]),
      );
      const row = tx.create(commitmentEntity, {
        ...extra,
        id: item.id,
        allianceId: item.allianceId,
        partnerId: item.partnerId,
        branchId: item.branchId ?? null,
        title: item.title,
        description: item.description ?? null,
        category: item.category,
        status: item.status,
        progress: rows.progress,
        startDate: item.startDate ?? null,
        dueDate: item.dueDate ?? null,
        publishedAt: rows.publishedAt,
        completedAt: rows.completedAt,
        lastProgressAt: rows.lastProgressAt,
        createdAt: rows.createdAt,
        updatedAt: rows.updatedAt,
        version: rows.version,
      } as CommitmentRow);
      for (const change of rows.changes) {
        tx.create(CommitmentChange, { ...change, id: randomUUID(), partnerId: item.partnerId, commitmentId: item.id });
      }
      for (const report of rows.reports) {
        tx.create(ProgressReport, {
          id: randomUUID(),
          partnerId: item.partnerId,
          commitmentId: item.id,
          percent: report.percent,
          text: report.text,
          evidence: [],
          figures: report.figures.map((figure) => ({ ...figure, unit: figure.unit ?? null })),
          reportedAt: report.at,
          reportedBy: report.by,
        });
      }
      if (rows.publishedAt) {
        events.push({ at: rows.updatedAt, queue: () => queueEvent(tx, 'commitment', row, commitmentSummary(row, kind)) });
      }
    }
    for (const activity of seed.activities) {
      const { announcedAt: _announced, minutesAt: _minutes, ...fields } = activity;
      const saved = activityDates(activity);
      const row = tx.create(Activity, {
        ...fields,
        startsAt: new Date(activity.startsAt),
        endsAt: activity.endsAt ? new Date(activity.endsAt) : null,
        updatedAt: saved.updatedAt,
        version: saved.version,
      } as ActivityRow);
      events.push({ at: saved.updatedAt, queue: () => queueEvent(tx, 'activity', row, activitySummary(row, kind)) });
    }
    for (const event of events.sort((a, b) => a.at.getTime() - b.at.getTime())) {
      event.queue();
    }
    seedCobuildItems(tx, seed, now, (partnerId) => editorOf(seed, partnerId));
  });
  return true;
}

/** A seeded activity's last save and version: announced (1), then its minutes recorded (2). */
function activityDates(activity: PartnerSeed['activities'][number]): { updatedAt: Date; version: number } {
  const startsAt = new Date(activity.startsAt);
  const announcedAt = new Date(activity.announcedAt);
  const problem = (why: string) => new Error(`Seed: the activity "${activity.title}" ${why}`);
  if (!(announcedAt < startsAt)) {
    throw problem('is announced after it starts');
  }
  if (!activity.minutesAt) {
    if (activity.minutes || activity.attendance.length > 0) {
      throw problem('has minutes or attendance but no minutesAt');
    }
    return { updatedAt: announcedAt, version: 1 };
  }
  const minutesAt = new Date(activity.minutesAt);
  if (!(minutesAt > startsAt)) {
    throw problem('has its minutes recorded before it starts');
  }
  return { updatedAt: minutesAt, version: 2 };
}

/** Who published a partner's needs and resources: its first editor account, by display name. */
function editorOf(seed: PartnerSeed, partnerId: string): string {
  const editor = seed.partners.find((partner) => partner.id === partnerId)?.editors?.[0];
  if (!editor) {
    throw new Error(`Seed: partner ${partnerId} has needs or resources but no editor to have published them`);
  }
  return editor.name;
}
