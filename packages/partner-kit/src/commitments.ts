import { randomUUID } from 'node:crypto';
import { type Category, CommitmentStatus } from '@hub/contracts';
import {
  assertDateOrder,
  assertId,
  badInput,
  conflict,
  httpUrl,
  isoDate,
  maxItems,
  notFound,
  optionalText,
  percent,
  requiredText,
} from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { actorName, hostedEditorPartnerId, type PartnerContext, requireEditorOf } from './context.ts';
import { Branch, CommitmentChange, type CommitmentRow, ProgressReport } from './entities.ts';
import { flushAndQueueEvent, writeTransaction } from './writes.ts';

/** The editable fields common to every kind; a kind adds its own through `extra`. */
export interface CommitmentFields {
  title?: string | null;
  description?: string | null;
  category?: Category | null;
  startDate?: string | null;
  dueDate?: string | null;
  branchId?: string | null;
  /** Kind-specific columns, already validated by the kind. */
  extra?: Record<string, unknown>;
}

export interface ProgressInput {
  percent: number;
  text: string;
  evidence?: { label: string; url: string }[] | null;
  figures?: { label: string; value: number; unit?: string | null }[] | null;
}

/** What the alliance's index keeps of a commitment (docs/architecture.md: summary fields only). */
export function commitmentSummary(row: CommitmentRow, kind: string) {
  return {
    id: row.id,
    allianceId: row.allianceId,
    partnerId: row.partnerId,
    kind,
    title: row.title,
    category: row.category,
    status: row.status,
    progress: row.progress,
    startDate: row.startDate ?? null,
    dueDate: row.dueDate ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    lastProgressAt: row.lastProgressAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Loads a commitment for writing by its owner at the version the editor saw. */
async function loadForWrite(ctx: PartnerContext, em: EntityManager, id: string, expectedVersion: number) {
  const row = await em.findOne(ctx.runtime.commitmentEntity, { id: assertId(id) });
  if (!row) {
    throw notFound('Commitment', id);
  }
  requireEditorOf(ctx.viewer, row.partnerId);
  if (row.version !== expectedVersion) {
    throw conflict(`The commitment is at version ${row.version}, not ${expectedVersion}; reload it and try again`);
  }
  return row;
}

function assertStatus(row: CommitmentRow, allowed: CommitmentStatus[], action: string): void {
  if (!allowed.includes(row.status)) {
    throw badInput(`Cannot ${action} a commitment that is ${row.status}`, 'status');
  }
}

function recordChange(em: EntityManager, ctx: PartnerContext, row: CommitmentRow, field: string, oldValue: unknown, newValue: unknown) {
  em.create(CommitmentChange, {
    id: randomUUID(),
    partnerId: row.partnerId,
    commitmentId: row.id,
    actor: actorName(ctx.viewer),
    at: new Date(),
    field,
    oldValue: text(oldValue),
    newValue: text(newValue),
  });
}

/** Queues this version of a published commitment for the alliance. */
function emit(em: EntityManager, ctx: PartnerContext, row: CommitmentRow): Promise<void> {
  return flushAndQueueEvent(em, 'commitment', row, () => commitmentSummary(row, ctx.runtime.kind));
}

async function assertOwnBranch(em: EntityManager, partnerId: string, branchId: string | null | undefined) {
  if (!branchId) {
    return null;
  }
  const branch = await em.findOne(Branch, { id: assertId(branchId, 'branchId') });
  if (!branch || branch.partnerId !== partnerId) {
    throw badInput('branchId must name a branch of your own partner', 'branchId');
  }
  return branch.id;
}

function validatedFields(fields: CommitmentFields) {
  const out: Record<string, unknown> = {};
  if (fields.branchId) {
    assertId(fields.branchId, 'branchId'); // its shape before anything is read; ownership in the transaction
  }
  if (fields.title !== undefined) {
    out.title = requiredText(fields.title ?? '', 'title', 200);
  }
  if (fields.description !== undefined) {
    out.description = optionalText(fields.description, 'description', 5000);
  }
  if (fields.category !== undefined && fields.category !== null) {
    out.category = fields.category;
  }
  if (fields.startDate !== undefined) {
    out.startDate = isoDate(fields.startDate, 'startDate');
  }
  if (fields.dueDate !== undefined) {
    out.dueDate = isoDate(fields.dueDate, 'dueDate');
  }
  return { ...out, ...fields.extra };
}

/** Creates a draft commitment (承诺事项草稿) for the editor's own partner. */
export async function createCommitment(ctx: PartnerContext, allianceId: string, fields: CommitmentFields) {
  const partnerId = await hostedEditorPartnerId(ctx);
  const values = validatedFields(fields);
  if (!values.title) {
    throw badInput('title must not be empty', 'title');
  }
  if (!values.category) {
    throw badInput('category is required', 'category');
  }
  assertDateOrder(values.startDate as string | null, values.dueDate as string | null);
  await ctx.runtime.memberships.assertMembers(assertId(allianceId, 'allianceId'), [partnerId], 'allianceId');
  return writeTransaction(ctx, 'commitment', async (em) => {
    const branchId = await assertOwnBranch(em, partnerId, fields.branchId);
    const now = new Date();
    const row = em.create(ctx.runtime.commitmentEntity, {
      ...ctx.runtime.creationDefaults,
      ...values,
      id: randomUUID(),
      allianceId: assertId(allianceId, 'allianceId'),
      partnerId,
      branchId,
      status: CommitmentStatus.DRAFT,
      progress: 0,
      createdAt: now,
      updatedAt: now,
    } as CommitmentRow);
    recordChange(em, ctx, row, 'status', null, CommitmentStatus.DRAFT);
    return row;
  });
}

/** Edits a commitment at `expectedVersion`; a published one is re-sent to the alliance. */
export async function updateCommitment(ctx: PartnerContext, id: string, expectedVersion: number, fields: CommitmentFields) {
  const values = validatedFields(fields);
  return writeTransaction(ctx, 'commitment', async (em) => {
    const row = await loadForWrite(ctx, em, id, expectedVersion);
    assertStatus(row, [CommitmentStatus.DRAFT, CommitmentStatus.PUBLISHED, CommitmentStatus.IN_PROGRESS], 'edit');
    if (fields.branchId !== undefined) {
      values.branchId = await assertOwnBranch(em, row.partnerId, fields.branchId);
    }
    const next = { ...row, ...values };
    assertDateOrder(next.startDate, next.dueDate);
    let changed = false;
    for (const [field, value] of Object.entries(values)) {
      if (JSON.stringify(row[field] ?? null) !== JSON.stringify(value ?? null)) {
        recordChange(em, ctx, row, field, row[field], value);
        row[field] = value;
        changed = true;
      }
    }
    if (!changed) {
      return row;
    }
    row.updatedAt = new Date();
    if (row.status !== CommitmentStatus.DRAFT) {
      await emit(em, ctx, row);
    }
    return row;
  });
}

/** Publishes a draft to its alliance's joint list (发布到共建清单). */
export async function publishCommitment(ctx: PartnerContext, id: string, expectedVersion: number) {
  return writeTransaction(ctx, 'commitment', async (em) => {
    const row = await loadForWrite(ctx, em, id, expectedVersion);
    assertStatus(row, [CommitmentStatus.DRAFT], 'publish');
    recordChange(em, ctx, row, 'status', row.status, CommitmentStatus.PUBLISHED);
    row.status = CommitmentStatus.PUBLISHED;
    row.publishedAt = new Date();
    row.updatedAt = row.publishedAt;
    await emit(em, ctx, row);
    return row;
  });
}

/** Reports progress (推进情况): percent, text, evidence links and figures. */
export async function reportProgress(ctx: PartnerContext, id: string, expectedVersion: number, input: ProgressInput) {
  const value = percent(input.percent, 'percent');
  const note = requiredText(input.text, 'text', 2000);
  const evidence = maxItems(input.evidence ?? [], 'evidence', 20).map((item) => ({
    label: requiredText(item.label, 'evidence.label', 100),
    url: httpUrl(item.url, 'evidence.url'),
  }));
  const figures = maxItems(input.figures ?? [], 'figures', 20).map((item) => {
    if (!Number.isFinite(item.value)) {
      throw badInput('figures.value must be a finite number', 'figures.value');
    }
    return { label: requiredText(item.label, 'figures.label', 100), value: item.value, unit: optionalText(item.unit, 'figures.unit', 20) };
  });
  return writeTransaction(ctx, 'commitment', async (em) => {
    const row = await loadForWrite(ctx, em, id, expectedVersion);
    assertStatus(row, [CommitmentStatus.PUBLISHED, CommitmentStatus.IN_PROGRESS], 'report progress on');
    const now = new Date();
    em.create(ProgressReport, {
      id: randomUUID(),
      partnerId: row.partnerId,
      commitmentId: row.id,
      percent: value,
      text: note,
      evidence,
      figures,
      reportedAt: now,
      reportedBy: actorName(ctx.viewer),
    });
    recordChange(em, ctx, row, 'progress', row.progress, value);
    if (row.status !== CommitmentStatus.IN_PROGRESS) {
      recordChange(em, ctx, row, 'status', row.status, CommitmentStatus.IN_PROGRESS);
    }
    row.progress = value;
    row.status = CommitmentStatus.IN_PROGRESS;
    row.lastProgressAt = now;
    row.updatedAt = now;
    await emit(em, ctx, row);
    return row;
  });
}

/** Completes a commitment (销项): progress 100, status COMPLETED. */
export async function completeCommitment(ctx: PartnerContext, id: string, expectedVersion: number) {
  return writeTransaction(ctx, 'commitment', async (em) => {
    const row = await loadForWrite(ctx, em, id, expectedVersion);
    assertStatus(row, [CommitmentStatus.PUBLISHED, CommitmentStatus.IN_PROGRESS], 'complete');
    recordChange(em, ctx, row, 'status', row.status, CommitmentStatus.COMPLETED);
    if (row.progress !== 100) {
      recordChange(em, ctx, row, 'progress', row.progress, 100);
    }
    row.status = CommitmentStatus.COMPLETED;
    row.progress = 100;
    row.completedAt = new Date();
    row.updatedAt = row.completedAt;
    await emit(em, ctx, row);
    return row;
  });
}

/** Withdraws a commitment with a reason; a withdrawn item stays on the list, marked so. */
export async function withdrawCommitment(ctx: PartnerContext, id: string, expectedVersion: number, reason: string) {
  const why = requiredText(reason, 'reason', 1000);
  return writeTransaction(ctx, 'commitment', async (em) => {
    const row = await loadForWrite(ctx, em, id, expectedVersion);
    assertStatus(row, [CommitmentStatus.DRAFT, CommitmentStatus.PUBLISHED, CommitmentStatus.IN_PROGRESS], 'withdraw');
    const wasPublished = row.status !== CommitmentStatus.DRAFT;
    recordChange(em, ctx, row, 'status', row.status, CommitmentStatus.WITHDRAWN);
    recordChange(em, ctx, row, 'withdrawReason', row.withdrawReason, why);
    row.status = CommitmentStatus.WITHDRAWN;
    row.withdrawReason = why;
    row.updatedAt = new Date();
    if (wasPublished) {
      await emit(em, ctx, row);
    }
    return row;
  });
}
