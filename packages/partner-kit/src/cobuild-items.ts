import { randomUUID } from 'node:crypto';
import { firstProblem, limits } from '@hub/cobuild';
import { CobuildItemStatus } from '@hub/contracts';
import { assertId, badInput, conflict, type InputProblem, isoDate, notFound, requiredText } from '@hub/subgraph-kit';
import type { EntityManager, EntitySchema } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { CobuildItemChange, type NeedRow, type ResourceRow, type StoredHelp } from './cobuild-entities.ts';
import { actorName, hostedEditorPartnerId, isEditorOf, type PartnerContext, requireEditorOf } from './context.ts';
import { flushAndQueueEvent, writeTransaction } from './writes.ts';

/**
 * The life of a need or a resource in its partner's subgraph (docs/three-lists.md, step 1):
 * create a draft, edit it, publish it, withdraw it with a reason. Every edit is checked by
 * `@hub/cobuild`'s rules on the whole item (the stored one with the given fields over it), made
 * at the version the editor read (CONFLICT otherwise) and recorded field by field. Publishing,
 * editing while published and withdrawing a published item queue its index event in the same
 * transaction; drafts never leave the subgraph.
 */

type ItemRow = NeedRow | ResourceRow;

/** What differs between needs and resources. */
export interface CobuildItemKind<Row extends ItemRow> {
  /** The outbox entity, also the word used in messages. */
  readonly entity: 'need' | 'resource';
  /** For NOT_FOUND: `Need <id> does not exist`. */
  readonly label: string;
  readonly schema: EntitySchema<Row>;
  /** The editable fields (the input's), in the order history records them. */
  readonly fields: readonly (keyof Row & string)[];
  /** The field listing the kinds of help (`help` of a need, `offers` of a resource). */
  readonly helpField: 'help' | 'offers';
  /** `@hub/cobuild`'s rule for the whole item. */
  readonly rules: z.ZodType<Record<string, unknown>>;
  /** The index event's payload, checked by `@hub/cobuild`'s schema (throws when it does not hold). */
  indexPayload(row: Row): Record<string, unknown>;
}

/** Fields as the GraphQL input gives them: absent is "leave as it is", null is "clear". */
export type ItemInput = Record<string, unknown>;

const optionalTexts = new Set(['description', 'place', 'conditions']);

/** A zod issue as the hub's stable reason and limit. */
function problemOf(issue: z.core.$ZodIssue | undefined, missing: boolean): InputProblem | undefined {
  if (missing) {
    return { reason: 'REQUIRED' };
  }
  if (issue?.code === 'too_big') {
    return { reason: issue.origin === 'array' ? 'TOO_MANY' : 'TOO_LONG', limit: Number(issue.maximum) };
  }
  return undefined;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    current = current === null || current === undefined ? undefined : (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Plain copies of the given help lists (GraphQL gives class instances) with amount and unit always present. */
function storedHelp(list: unknown): StoredHelp[] {
  return (list as { kind: StoredHelp['kind']; amount?: number | null; unit?: string | null }[]).map((item) => ({
    kind: item.kind,
    amount: item.amount ?? null,
    unit: item.unit || null,
  }));
}

/**
 * The column values of a whole item: `candidate` checked by the kind's rules, empty optional
 * texts as null. BAD_USER_INPUT with the field of the first problem otherwise.
 */
export function validColumns<Row extends ItemRow>(kind: CobuildItemKind<Row>, candidate: Record<string, unknown>): Partial<Row> {
  const parsed = kind.rules.safeParse(candidate);
  if (!parsed.success) {
    const { field, message } = firstProblem(parsed.error);
    const issue = parsed.error.issues[0];
    const missing = issue?.code === 'invalid_type' && valueAt(candidate, issue.path) == null;
    throw badInput(`${field} ${missing ? 'is required' : message}`, field, problemOf(issue, missing));
  }
  const columns: Record<string, unknown> = {};
  for (const field of kind.fields) {
    const value = parsed.data[field];
    if (field === kind.helpField) {
      columns[field] = storedHelp(value);
    } else if (optionalTexts.has(field)) {
      columns[field] = value || null;
    } else {
      columns[field] = value ?? null;
    }
  }
  return columns as Partial<Row>;
}

/** The given fields over `stored`'s (absent ones keep the stored value; a null list is an empty one). */
function candidateOf<Row extends ItemRow>(kind: CobuildItemKind<Row>, stored: Partial<Row>, input: ItemInput): Record<string, unknown> {
  const candidate: Record<string, unknown> = {};
  for (const field of kind.fields) {
    const given = input[field];
    if (given === undefined) {
      candidate[field] = stored[field] ?? undefined;
    } else if (given === null && (field === 'tags' || field === kind.helpField)) {
      candidate[field] = [];
    } else if (given instanceof Date) {
      candidate[field] = isoDate(given, field); // the Date scalar gives a Date; this also refuses year 0, which PostgreSQL cannot store
    } else {
      candidate[field] = Array.isArray(given) ? given.map((item) => (typeof item === 'object' ? { ...item } : item)) : given;
    }
  }
  return candidate;
}

/** A value with its objects' keys sorted: jsonb gives keys back in its own order, so compare this way. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical);
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value ?? null;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function asText(value: unknown): string | null {
  if (value === null || value === undefined) {
    return null;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function recordChange(em: EntityManager, actor: string, row: ItemRow, field: string, oldValue: unknown, newValue: unknown) {
  em.create(CobuildItemChange, {
    id: randomUUID(),
    partnerId: row.partnerId,
    itemId: row.id,
    actor,
    at: new Date(),
    field,
    oldValue: asText(oldValue),
    newValue: asText(newValue),
  });
}

/** Loads an item for writing by its own partner's editor at the version the editor saw. */
async function loadForWrite<Row extends ItemRow>(
  ctx: PartnerContext,
  em: EntityManager,
  kind: CobuildItemKind<Row>,
  id: string,
  version: number,
) {
  const row = (await em.findOne(kind.schema, { id: assertId(id) } as never)) as Row | null;
  if (!row) {
    throw notFound(kind.label, id);
  }
  requireEditorOf(ctx.viewer, row.partnerId);
  if (row.version !== version) {
    throw conflict(`The ${kind.entity} is at version ${row.version}, not ${version}; reload it and try again`);
  }
  return row;
}

function assertStatus(what: string, row: ItemRow, allowed: CobuildItemStatus[], action: string): void {
  if (!allowed.includes(row.status)) {
    throw badInput(`Cannot ${action} a ${what} that is ${row.status}`, 'status');
  }
}

/** Queues this version of a published (or just withdrawn) item for the alliance's index. */
function emit<Row extends ItemRow>(em: EntityManager, kind: CobuildItemKind<Row>, row: Row): Promise<void> {
  return flushAndQueueEvent(em, kind.entity, row, () => kind.indexPayload(row));
}

/** Creates a draft need or resource for the editor's own partner in one of its alliances. */
export async function createItem<Row extends ItemRow>(
  ctx: PartnerContext,
  kind: CobuildItemKind<Row>,
  allianceId: string,
  input: ItemInput,
) {
  const partnerId = await hostedEditorPartnerId(ctx);
  const columns = validColumns(kind, candidateOf(kind, {}, input));
  const alliance = assertId(allianceId, 'allianceId');
  await ctx.runtime.memberships.assertMembers(alliance, [partnerId], 'allianceId');
  return writeTransaction(ctx, kind.entity, async (em) => {
    const now = new Date();
    const row = em.create(kind.schema, {
      ...columns,
      id: randomUUID(),
      allianceId: alliance,
      partnerId,
      status: CobuildItemStatus.DRAFT,
      publishedAt: null,
      withdrawReason: null,
      createdAt: now,
      updatedAt: now,
    } as never) as Row;
    recordChange(em, actorName(ctx.viewer), row, 'status', null, CobuildItemStatus.DRAFT);
    return row;
  });
}

/** Edits a draft or published item at `version`; a published one is re-sent to the alliance. */
export async function updateItem<Row extends ItemRow>(
  ctx: PartnerContext,
  kind: CobuildItemKind<Row>,
  id: string,
  version: number,
  input: ItemInput,
) {
  return writeTransaction(ctx, kind.entity, async (em) => {
    const row = await loadForWrite(ctx, em, kind, id, version);
    assertStatus(kind.entity, row, [CobuildItemStatus.DRAFT, CobuildItemStatus.PUBLISHED], 'edit');
    const columns = validColumns(kind, candidateOf(kind, row, input)) as Record<string, unknown>;
    const fields = row as unknown as Record<string, unknown>;
    let changed = false;
    for (const field of kind.fields) {
      if (!sameValue(fields[field], columns[field])) {
        recordChange(em, actorName(ctx.viewer), row, field, fields[field], columns[field]);
        fields[field] = columns[field];
        changed = true;
      }
    }
    if (!changed) {
      return row;
    }
    row.updatedAt = new Date();
    if (row.status === CobuildItemStatus.PUBLISHED) {
      await emit(em, kind, row);
    }
    return row;
  });
}

/** Publishes a draft: it enters the alliance's index (需求清单 / 资源清单). */
export async function publishItem<Row extends ItemRow>(ctx: PartnerContext, kind: CobuildItemKind<Row>, id: string, version: number) {
  return writeTransaction(ctx, kind.entity, async (em) => {
    const row = await loadForWrite(ctx, em, kind, id, version);
    assertStatus(kind.entity, row, [CobuildItemStatus.DRAFT], 'publish');
    recordChange(em, actorName(ctx.viewer), row, 'status', row.status, CobuildItemStatus.PUBLISHED);
    row.status = CobuildItemStatus.PUBLISHED;
    row.publishedAt = new Date();
    row.updatedAt = row.publishedAt;
    await emit(em, kind, row);
    return row;
  });
}

/** Withdraws a draft or published item with a reason; a published one leaves the index marked withdrawn. */
export async function withdrawItem<Row extends ItemRow>(
  ctx: PartnerContext,
  kind: CobuildItemKind<Row>,
  id: string,
  version: number,
  reason: string,
) {
  const why = requiredText(reason, 'reason', limits.reason);
  return writeTransaction(ctx, kind.entity, async (em) => {
    const row = await loadForWrite(ctx, em, kind, id, version);
    assertStatus(kind.entity, row, [CobuildItemStatus.DRAFT, CobuildItemStatus.PUBLISHED], 'withdraw');
    const wasPublished = row.status === CobuildItemStatus.PUBLISHED;
    recordChange(em, actorName(ctx.viewer), row, 'status', row.status, CobuildItemStatus.WITHDRAWN);
    recordChange(em, actorName(ctx.viewer), row, 'withdrawReason', row.withdrawReason, why);
    row.status = CobuildItemStatus.WITHDRAWN;
    row.withdrawReason = why;
    row.updatedAt = new Date();
    if (wasPublished) {
      await emit(em, kind, row);
    }
    return row;
  });
}

/** Drafts are private to their partner's editors; published and withdrawn items are public. */
export function visibleItem<Row extends ItemRow>(row: Row | null, ctx: PartnerContext): Row | null {
  if (!row) {
    return null;
  }
  return row.status !== CobuildItemStatus.DRAFT || isEditorOf(ctx.viewer, row.partnerId) ? row : null;
}
