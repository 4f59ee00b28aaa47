import { CommitmentStatus, stableId } from '@hub/contracts';

/**
 * A seeded commitment's story: what its partner's people did and when, from the draft to the
 * latest step. The row's dates, progress and version, its history and its progress reports are
 * replayed from it exactly as the editors' writes (commitments.ts) would have left them, so the
 * demo shows a year that happened instead of everything dated the moment the hub first started.
 * The kinds' seeds import it as `@hub/partner-kit/seed-story`: it needs nothing of the kit, so
 * the alliance (which reads their partners) does not load the kit with them.
 */

/** A step: when (ISO date-time) and who of the item's partner took it, by name (an editor, the branch's secretary, a member, a group's leader). */
export interface SeedStep {
  at: string;
  by: string;
}

/** A progress report (推进情况). */
export interface SeedReport extends SeedStep {
  percent: number;
  text: string;
  figures?: { label: string; value: number; unit?: string | null }[];
}

/** An edit of one field after drafting; the row holds the last edit's `to`. */
export interface SeedEdit extends SeedStep {
  field: string;
  from: string | null;
  to: string | null;
}

/** A draft created by a 联建项目 (the alliance's seed holds it): `project` is its `stableId` name, `role` this side of it. */
export interface SeedProjectDraft {
  at: string;
  project: string;
  role: 'NEEDING' | 'GIVING';
}

export interface SeedStory {
  drafted: SeedStep | SeedProjectDraft;
  edits?: SeedEdit[];
  /** Required unless the item is a DRAFT. */
  published?: SeedStep;
  /** Oldest first; an IN_PROGRESS item has at least one. */
  reports?: SeedReport[];
  /** Required for, and only for, a COMPLETED item. */
  completed?: SeedStep;
}

/** `2026-03-05 09:30`, a time of day in the hub's zone (Asia/Shanghai, UTC+8), as an ISO date-time. */
export function hubTime(local: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/.exec(local);
  if (!match) {
    throw new Error(`Seed: ${local} is not a 'YYYY-MM-DD HH:mm' time`);
  }
  return `${match[1]}T${match[2]}:00+08:00`;
}

/** A step at a time of day in the hub's zone (`2026-03-05 09:30`). */
export function seedStep(local: string, by: string): SeedStep {
  return { at: hubTime(local), by };
}

/** A progress report at a time of day in the hub's zone. */
export function seedReport(local: string, by: string, percent: number, text: string, figures?: SeedReport['figures']): SeedReport {
  return { ...seedStep(local, by), percent, text, ...(figures ? { figures } : {}) };
}

/** What a story writes. Times of rows written in one step are a millisecond apart, so the history reads in order. */
export interface StoryRows {
  progress: number;
  createdAt: Date;
  publishedAt: Date | null;
  lastProgressAt: Date | null;
  completedAt: Date | null;
  updatedAt: Date;
  /** One more for every write after the draft, as the optimistic lock counts them. */
  version: number;
  changes: { at: Date; actor: string; field: string; oldValue: string | null; newValue: string | null }[];
  reports: { at: Date; by: string; percent: number; text: string; figures: NonNullable<SeedReport['figures']> }[];
}

type Step =
  | { type: 'drafted'; at: Date; step: SeedStep | SeedProjectDraft }
  | { type: 'edit'; at: Date; step: SeedEdit }
  | { type: 'published'; at: Date; step: SeedStep }
  | { type: 'report'; at: Date; step: SeedReport }
  | { type: 'completed'; at: Date; step: SeedStep };

function instant(at: string, what: string): Date {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`Seed: ${what} has no valid time (${at})`);
  }
  return date;
}

function isProjectDraft(step: SeedStep | SeedProjectDraft): step is SeedProjectDraft {
  return 'project' in step;
}

/** The story's steps in time order, refusing a story that could not have happened. */
function timeline(title: string, status: CommitmentStatus, story: SeedStory): Step[] {
  const at = (step: { at: string }, what: string) => instant(step.at, `${title} (${what})`);
  const steps: Step[] = [{ type: 'drafted', at: at(story.drafted, 'drafted'), step: story.drafted }];
  for (const step of story.edits ?? []) {
    steps.push({ type: 'edit', at: at(step, 'edit'), step });
  }
  if (story.published) {
    steps.push({ type: 'published', at: at(story.published, 'published'), step: story.published });
  }
  for (const step of story.reports ?? []) {
    steps.push({ type: 'report', at: at(step, 'report'), step });
  }
  if (story.completed) {
    steps.push({ type: 'completed', at: at(story.completed, 'completed'), step: story.completed });
  }
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  const problem = (why: string) => new Error(`Seed: the story of "${title}" ${why}`);
  for (let i = 1; i < steps.length; i += 1) {
    if (steps[i]!.at.getTime() === steps[i - 1]!.at.getTime()) {
      throw problem('has two steps at the same time');
    }
  }
  if (steps[0]?.type !== 'drafted') {
    throw problem('does not start with its draft');
  }
  const published = steps.findIndex((step) => step.type === 'published');
  const firstReport = steps.findIndex((step) => step.type === 'report');
  if (firstReport >= 0 && (published < 0 || firstReport < published)) {
    throw problem('reports progress before it is published');
  }
  if (story.completed && steps.at(-1)?.type !== 'completed') {
    throw problem('goes on after its completion');
  }
  const expected =
    status === CommitmentStatus.DRAFT
      ? !story.published && !story.reports?.length && !story.completed
      : status === CommitmentStatus.PUBLISHED
        ? !!story.published && !story.reports?.length && !story.completed
        : status === CommitmentStatus.IN_PROGRESS
          ? !!story.published && !!story.reports?.length && !story.completed
          : status === CommitmentStatus.COMPLETED && !!story.published && !!story.completed;
  if (!expected) {
    throw problem(`does not end ${status}`);
  }
  return steps;
}

/**
 * Replays a story into the rows the editors' writes leave: a history row per change (old and
 * new value), a report per progress report, the row's dates and version. `actor` names a person
 * of the item's partner as the history shows them (it throws for a stranger), `projectActor`
 * the author of a draft a project created; `finalValue` reads the seeded row's field, which an
 * edit must end at.
 */
export function storyRows(
  item: { title: string; status: CommitmentStatus; story: SeedStory },
  people: { actor: (person: string) => string; projectActor: string },
  finalValue: (field: string) => unknown,
): StoryRows {
  const { title, status, story } = item;
  const { actor, projectActor } = people;
  const steps = timeline(title, status, story);
  const rows: StoryRows = {
    progress: 0,
    createdAt: steps[0]!.at,
    publishedAt: null,
    lastProgressAt: null,
    completedAt: null,
    updatedAt: steps[0]!.at,
    version: steps.length,
    changes: [],
    reports: [],
  };
  let current: CommitmentStatus = CommitmentStatus.DRAFT;
  const lastEdit = new Map<string, string | null>();
  for (const { type, at, step } of steps) {
    const changes: Omit<StoryRows['changes'][number], 'at' | 'actor'>[] = [];
    let who: string;
    if (type === 'drafted') {
      who = isProjectDraft(step) ? projectActor : actor(step.by);
      changes.push(
        isProjectDraft(step)
          ? { field: 'created', oldValue: null, newValue: `project ${stableId(step.project)} (${step.role})` }
          : { field: 'status', oldValue: null, newValue: CommitmentStatus.DRAFT },
      );
    } else {
      who = actor(step.by);
      if (type === 'edit') {
        changes.push({ field: step.field, oldValue: step.from, newValue: step.to });
        lastEdit.set(step.field, step.to);
      } else if (type === 'published') {
        changes.push({ field: 'status', oldValue: current, newValue: CommitmentStatus.PUBLISHED });
        current = CommitmentStatus.PUBLISHED;
        rows.publishedAt = at;
      } else if (type === 'report') {
        if (!Number.isInteger(step.percent) || step.percent < rows.progress || step.percent > 100) {
          throw new Error(`Seed: a report on "${title}" goes from ${rows.progress} % to ${step.percent} %`);
        }
        changes.push({ field: 'progress', oldValue: String(rows.progress), newValue: String(step.percent) });
        if (current !== CommitmentStatus.IN_PROGRESS) {
          changes.push({ field: 'status', oldValue: current, newValue: CommitmentStatus.IN_PROGRESS });
          current = CommitmentStatus.IN_PROGRESS;
        }
        rows.progress = step.percent;
        rows.lastProgressAt = at;
        rows.reports.push({ at, by: who, percent: step.percent, text: step.text, figures: step.figures ?? [] });
      } else {
        changes.push({ field: 'status', oldValue: current, newValue: CommitmentStatus.COMPLETED });
        if (rows.progress !== 100) {
          changes.push({ field: 'progress', oldValue: String(rows.progress), newValue: '100' });
        }
        current = CommitmentStatus.COMPLETED;
        rows.progress = 100;
        rows.completedAt = at;
      }
    }
    changes.forEach((change, i) => {
      rows.changes.push({ ...change, at: new Date(at.getTime() + i), actor: who });
    });
    rows.updatedAt = at;
  }
  for (const [field, to] of lastEdit) {
    const value = finalValue(field);
    if ((value === null || value === undefined ? null : String(value)) !== to) {
      throw new Error(`Seed: "${title}" ends its edits of ${field} at ${to}, but the item has ${String(value)}`);
    }
  }
  return rows;
}
