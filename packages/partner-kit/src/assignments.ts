import { randomUUID } from 'node:crypto';
import { assignmentRoutes, assignmentsAnswer, type ProjectAssignment } from '@hub/cobuild';
import { CommitmentStatus, type InternalSigner } from '@hub/contracts';
import { logger } from '@hub/http/log';
import { backgroundTransaction, executeInBackground, type Registry, sampledCounter } from '@hub/subgraph-kit';
import type { EntityManager, EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import { postToAlliance } from './alliance-client.ts';
import { CommitmentChange, type CommitmentRow, Partner } from './entities.ts';
import { startRetryingLoop } from './retrying-loop.ts';

/** The advisory lock that lets one replica of a partner subgraph pull assignments at a time (the relay's is 7_340_001). */
const assignmentsLockKey = 7_340_002;
/** Who the history of a commitment created from a project names as its author. */
export const assignmentActor = '联建项目';

export interface AssignmentPullerOptions {
  readonly orm: MikroORM;
  /** The alliance subgraph's base URL; the puller asks `<url>/assignments` and acknowledges at `<url>/assignments/ack`. */
  readonly allianceUrl: string;
  /** The subgraph's relay identity and keys. */
  readonly signer: InternalSigner;
  /** This subgraph's name; it asks as `relay:<name>`. */
  readonly subgraph: string;
  readonly commitmentEntity: EntitySchema<CommitmentRow>;
  /** Values of the kind's own commitment columns for a new draft. */
  readonly creationDefaults: Record<string, unknown>;
  /** How often to ask when the last answer had nothing new. Default 1 s. */
  readonly idleMs?: number;
  /** Longest wait between retries while the alliance is unreachable. Default 5 s. */
  readonly maxBackoffMs?: number;
}

export interface AssignmentPuller {
  /** Counters for /metrics. */
  readonly stats: { readonly applied: number; readonly failedAttempts: number };
  /** Stops after the round in flight, if any. */
  stop(): Promise<void>;
}

/**
 * Pulls this kind's project assignments from the alliance (docs/three-lists.md, step 4;
 * `@hub/cobuild` protocol.ts): asks `/assignments`, creates for each assignment of a partner
 * hosted here the draft commitment it names (with the given id, so a repeated delivery creates
 * nothing), in one transaction, then acknowledges the ids at `/assignments/ack`. Acknowledging
 * after the commit means a lost acknowledgement only repeats a round that changes nothing.
 * While the alliance is unreachable, or does not offer the route yet (404), it retries with
 * backoff.
 */
export function startAssignmentPuller(options: AssignmentPullerOptions): AssignmentPuller {
  const log = logger(`assignments:${options.subgraph}`);
  let applied = 0;
  let saidRouteMissing = false;
  let saidNotHosted = false;

  /** The pending assignments, or null while the alliance does not offer the route. */
  async function fetchPending(): Promise<ProjectAssignment[] | null> {
    const response = await postToAlliance(`${options.allianceUrl}${assignmentRoutes.pending}`, {}, options.signer, 10_000);
    if (response.status === 404) {
      return null;
    }
    if (!response.ok) {
      throw new Error(`alliance answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    }
    const parsed = assignmentsAnswer.safeParse(await response.json());
    if (!parsed.success) {
      throw new Error(`malformed assignments: ${parsed.error.issues[0]?.message}`);
    }
    return parsed.data.assignments;
  }

  /** Creates the drafts that do not exist yet; returns the ids of the assignments now done and how many drafts are new. */
  async function createDrafts(em: EntityManager, assignments: ProjectAssignment[]): Promise<{ done: string[]; created: number }> {
    const partnerIds = [...new Set(assignments.map((item) => item.partnerId))];
    const hosted = new Set((await em.find(Partner, { id: { $in: partnerIds } })).map((partner) => partner.id));
    const ours = assignments.filter((item) => hosted.has(item.partnerId));
    if (ours.length < assignments.length && !saidNotHosted) {
      saidNotHosted = true;
      log.warn('left unacknowledged: assignments for partners not hosted here');
    }
    const existing = new Set(
      (await em.find(options.commitmentEntity, { id: { $in: ours.map((item) => item.commitmentId) } })).map((row) => row.id),
    );
    const now = new Date();
    let created = 0;
    for (const item of ours) {
      if (existing.has(item.commitmentId)) {
        continue;
      }
      existing.add(item.commitmentId);
      em.create(options.commitmentEntity, {
        ...options.creationDefaults,
        id: item.commitmentId,
        allianceId: item.allianceId,
        partnerId: item.partnerId,
        branchId: null,
        title: item.title,
        description: item.description,
        category: item.category,
        status: CommitmentStatus.DRAFT,
        progress: 0,
        startDate: null,
        dueDate: item.dueDate,
        createdAt: now,
        updatedAt: now,
        version: 1,
      } as CommitmentRow);
      em.create(CommitmentChange, {
        id: randomUUID(),
        partnerId: item.partnerId,
        commitmentId: item.commitmentId,
        actor: assignmentActor,
        at: now,
        field: 'created',
        oldValue: null,
        newValue: `project ${item.projectId} (${item.role})`,
      });
      created += 1;
    }
    return { done: ours.map((item) => item.id), created };
  }

  /** One round: returns how many assignments were done, or null when the route is missing. */
  async function pullOnce(): Promise<number | null> {
    const round = await backgroundTransaction(options.orm, async (em) => {
      const [lock] = await executeInBackground<{ locked: boolean }[]>(em, 'select pg_try_advisory_xact_lock(?) as locked', [
        assignmentsLockKey,
      ]);
      if (!lock?.locked) {
        return { done: [], created: 0 };
      }
      const assignments = await fetchPending();
      return assignments === null ? null : createDrafts(em, assignments);
    });
    if (round === null) {
      return null;
    }
    applied += round.created;
    const { done } = round;
    if (done.length === 0) {
      return 0;
    }
    const response = await postToAlliance(`${options.allianceUrl}${assignmentRoutes.ack}`, { ids: done }, options.signer, 10_000);
    if (!response.ok) {
      throw new Error(`alliance answered ${response.status} to the acknowledgement`);
    }
    return done.length;
  }

  const loop = startRetryingLoop({
    label: `assignments:${options.subgraph}`,
    activity: 'pulling',
    idleMs: options.idleMs ?? 1000,
    maxBackoffMs: options.maxBackoffMs ?? 5000,
    async round() {
      const done = await pullOnce();
      if (done === null) {
        if (!saidRouteMissing) {
          saidRouteMissing = true;
          log.warn(`the alliance has no ${assignmentRoutes.pending} route yet; asking again later`);
        }
        return 'later';
      }
      return done === 0 ? 'idle' : 'more';
    },
  });

  return {
    stats: {
      get applied() {
        return applied;
      },
      get failedAttempts() {
        return loop.failures();
      },
    },
    stop: loop.stop,
  };
}

/** The puller's figures: draft commitments created from assignments, and failed rounds. */
export function registerAssignmentMetrics(registry: Registry, puller: AssignmentPuller): void {
  sampledCounter(
    registry,
    'hub_assignments_applied_total',
    'Project assignments pulled and applied as draft commitments',
    () => puller.stats.applied,
  );
  sampledCounter(registry, 'hub_assignments_failed_attempts_total', 'Assignment pulls that failed', () => puller.stats.failedAttempts);
}
