import { randomUUID } from 'node:crypto';
import { type Category, CommitmentStatus } from '@hub/contracts';
import { type KindField, kindInputSchema } from '@hub/kinds';
import { assertDateOrder, assertId, badInput, isoDate, optionalText, requiredText } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLError } from 'graphql';
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { z } from 'zod';
import { commitmentSummary } from './commitments.ts';
import { actorName, hostedEditorPartnerId, type PartnerContext } from './context.ts';
import { Branch, CommitmentChange, type CommitmentRow } from './entities.ts';
import type { PartnerKindSpec } from './spec.ts';
import { queueEvent, writeTransaction } from './writes.ts';

/**
 * 批量导入: a partner editor's commitments from a file, all or nothing. Each row is checked as
 * createCommitment checks one (the same validators for the common fields, the kind's zod rules
 * from @hub/kinds for its own), but every problem of every row is reported instead of the first
 * one thrown. A row whose title and due date match an item its partner already has in that
 * alliance is that item: importing a file again creates nothing new.
 */

/** Most rows one import takes (a partner's list is tens to hundreds of items). */
export const maxImportRows = 2000;

/** What happens to a row: created (or would be, in a dry run), already there, or refused. */
export enum ImportOutcome {
  CREATE = 'CREATE',
  EXISTS = 'EXISTS',
  INVALID = 'INVALID',
}
registerEnumType(ImportOutcome, {
  name: 'ImportOutcome',
  description:
    'CREATE: a new draft (in a dry run: would be one); EXISTS: the partner has this item already (same title and due date); INVALID: see its issues',
});

/**
 * Why a row cannot be imported. Codes: REQUIRED, TOO_LONG, TOO_LARGE, TOO_MANY, NEGATIVE,
 * NOT_INTEGER, UNSTORABLE_TEXT, EMPTY_ENTRY, UNKNOWN_CHOICE, BAD_DATE, DATE_ORDER, UNKNOWN_BRANCH,
 * DUPLICATE_IN_FILE, INVALID.
 */
@ObjectType({ description: 'A problem of one field of an imported row' })
@Directive('@shareable')
export class ImportIssue {
  @Field(() => String, { description: 'The input field (title, dueDate, branchName, or a kind’s own field)' }) field!: string;
  @Field(() => String, {
    description:
      'REQUIRED, TOO_LONG, TOO_LARGE, TOO_MANY, NEGATIVE, NOT_INTEGER, UNSTORABLE_TEXT, EMPTY_ENTRY, UNKNOWN_CHOICE, BAD_DATE, DATE_ORDER, UNKNOWN_BRANCH, DUPLICATE_IN_FILE, INVALID',
  })
  code!: string;
  @Field(() => String) message!: string;
  @Field(() => Int, {
    nullable: true,
    description: 'The limit broken (characters, largest value, entries), or the line a duplicate repeats',
  })
  limit?: number | null;
}

@ObjectType({ description: 'What an import does with one row' })
@Directive('@shareable')
export class CommitmentImportRowResult {
  @Field(() => Int, { description: 'The row’s line, as the caller numbered it' }) line!: number;
  @Field(() => ImportOutcome) outcome!: ImportOutcome;
  @Field(() => ID, { nullable: true, description: 'The item created, or the one that exists' }) commitmentId?: string | null;
  @Field(() => [ImportIssue]) issues!: ImportIssue[];
}

@ObjectType({ description: '批量导入的结果: every row’s outcome; applied only when no row is invalid and it was not a dry run' })
@Directive('@shareable')
export class CommitmentImportReport {
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => Boolean, { description: 'Whether the new rows were written (all of them, in one transaction)' }) applied!: boolean;
  @Field(() => Boolean, { description: 'Whether new rows are (or would be) published at once' }) publish!: boolean;
  @Field(() => Int) created!: number;
  @Field(() => Int) existing!: number;
  @Field(() => Int) invalid!: number;
  @Field(() => [CommitmentImportRowResult]) rows!: CommitmentImportRowResult[];
}

/** A row as the mutation takes it: the kind's commitment input, and the branch by name if not by id. */
export interface ImportRowValue {
  line: number;
  branchName?: string | null;
  input: Record<string, unknown>;
}

const importRowTypes = new WeakMap<PartnerKindSpec, new () => ImportRowValue>();

/** `<Prefix>CommitmentImportRow`: one row of an import, with the kind's own commitment input. */
export function commitmentImportRow(spec: PartnerKindSpec): new () => ImportRowValue {
  const known = importRowTypes.get(spec);
  if (known) {
    return known;
  }
  const prefix = spec.CommitmentInput.name.replace(/CommitmentInput$/, '');
  const created = class {} as unknown as new () => ImportRowValue;
  Object.defineProperty(created, 'name', { value: `${prefix}CommitmentImportRow` });
  Field(() => Int, { description: 'The row’s line in the caller’s file, echoed in the report' })(created.prototype, 'line');
  Field(() => String, {
    nullable: true,
    description: 'The responsible branch by name (one of your own), when input.branchId is not given',
  })(created.prototype, 'branchName');
  Field(() => spec.CommitmentInput)(created.prototype, 'input');
  InputType(`${prefix}CommitmentImportRow`, { description: 'One row of a batch import of commitments' })(created);
  importRowTypes.set(spec, created);
  return created;
}

type Issue = ImportIssue;

/** Compares titles as people do: full-width forms folded, spaces ignored, case ignored. */
function sameText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** What makes two rows the same item of a partner in an alliance: the title and the due date. */
function importKey(title: string, dueDate: string | null | undefined): string {
  return `${sameText(title)}\u0000${dueDate ?? ''}`;
}

/** Checks a text field like requiredText/optionalText do, as an issue instead of an error. */
function textIssue(field: string, value: unknown, max: number, required: boolean): Issue | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (required && text.length === 0) {
    return { field, code: 'REQUIRED', message: `${field} must not be empty` };
  }
  try {
    (required ? requiredText : optionalText)(text, field, max);
    return null;
  } catch (error) {
    const { message, extensions } = error as GraphQLError;
    return {
      field,
      code: String(extensions.reason),
      message,
      ...(typeof extensions.limit === 'number' ? { limit: extensions.limit } : {}),
    };
  }
}

/** A zod issue of a kind's own field as an import issue with a stable code. */
function kindIssue(issue: z.core.$ZodIssue, fields: Readonly<Record<string, KindField>>, input: Record<string, unknown>): Issue {
  const field = String(issue.path[0] ?? 'input');
  const message = `${field} ${issue.message}`;
  const definition = fields[field];
  const bound = (value: unknown) => (typeof value === 'number' || typeof value === 'bigint' ? Number(value) : null);
  switch (issue.code) {
    case 'too_big':
      return { field, code: issue.origin === 'array' ? 'TOO_MANY' : 'TOO_LARGE', message, limit: bound(issue.maximum) };
    case 'too_small':
      return { field, code: 'NEGATIVE', message, limit: bound(issue.minimum) };
    case 'invalid_type':
      return { field, code: issue.expected === 'int' ? 'NOT_INTEGER' : 'INVALID', message };
    case 'invalid_value':
      return { field, code: 'UNKNOWN_CHOICE', message };
    default: {
      // The kind's refinements (custom issues): which rule failed, told by the field and value.
      const value = input[field];
      const texts = (Array.isArray(value) ? value : [value]).map((entry) => (typeof entry === 'string' ? entry.trim() : ''));
      if (definition?.type === 'texts' && texts.some((entry) => entry.length === 0)) {
        return { field, code: 'EMPTY_ENTRY', message };
      }
      if (definition && 'maxLength' in definition && texts.some((entry) => [...entry].length > definition.maxLength)) {
        return { field, code: 'TOO_LONG', message, limit: definition.maxLength };
      }
      if (definition?.type === 'text' && texts.every((entry) => entry.length === 0)) {
        return { field, code: 'REQUIRED', message };
      }
      return { field, code: issue.code === 'custom' ? 'UNSTORABLE_TEXT' : 'INVALID', message };
    }
  }
}

interface CheckedRow {
  line: number;
  issues: Issue[];
  key: string;
  branchId: string | null;
  values: Record<string, unknown>;
}

/**
 * Checks one row's fields (no database): the common ones as createCommitment does, the kind's
 * own ones with its zod schema; collects every problem.
 */
function checkFields(spec: PartnerKindSpec, rules: ReturnType<typeof kindInputSchema>, row: ImportRowValue): Omit<CheckedRow, 'branchId'> {
  const input = row.input ?? {};
  const issues: Issue[] = [];
  const values: Record<string, unknown> = {};
  const title = textIssue('title', input.title, 200, true);
  const description = textIssue('description', input.description, 5000, false);
  issues.push(...[title, description].filter((issue): issue is Issue => issue !== null));
  if (!title) {
    values.title = requiredText(String(input.title), 'title', 200);
  }
  if (!description && input.description !== undefined) {
    values.description = optionalText(input.description as string | null, 'description', 5000);
  }
  if (input.category) {
    values.category = input.category as Category;
  } else {
    issues.push({ field: 'category', code: 'REQUIRED', message: 'category is required' });
  }
  for (const field of ['startDate', 'dueDate'] as const) {
    try {
      values[field] = isoDate(input[field] as string | null | undefined, field);
    } catch (error) {
      issues.push({ field, code: 'BAD_DATE', message: (error as GraphQLError).message });
    }
  }
  try {
    assertDateOrder(values.startDate as string | null, values.dueDate as string | null);
  } catch (error) {
    issues.push({ field: 'dueDate', code: 'DATE_ORDER', message: (error as GraphQLError).message });
  }
  const own = Object.fromEntries(Object.entries(input).filter(([name, value]) => name in spec.definition.fields && value !== undefined));
  const parsed = rules.safeParse(own);
  if (parsed.success) {
    Object.assign(values, Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined)));
  } else {
    issues.push(...parsed.error.issues.map((issue) => kindIssue(issue, spec.definition.fields, own)));
  }
  return { line: row.line, issues, key: importKey(String(input.title ?? ''), values.dueDate as string | null), values };
}

/** The partner's branches by id and by name, for rows naming one either way. */
async function ownBranches(em: EntityManager, partnerId: string) {
  const branches = await em.find(Branch, { partnerId });
  return {
    ids: new Set(branches.map((branch) => branch.id)),
    byName: new Map(branches.map((branch) => [sameText(branch.name), branch.id])),
  };
}

/** The partner's items in the alliance, by import key (the first one for a key). */
async function existingItems(ctx: PartnerContext, em: EntityManager, partnerId: string, allianceId: string): Promise<Map<string, string>> {
  const rows = await em.find(
    ctx.runtime.commitmentEntity,
    { partnerId, allianceId },
    { fields: ['id', 'title', 'dueDate'], orderBy: { createdAt: 'asc' } },
  );
  const byKey = new Map<string, string>();
  for (const row of rows) {
    const key = importKey(row.title, row.dueDate);
    if (!byKey.has(key)) {
      byKey.set(key, row.id);
    }
  }
  return byKey;
}

/** Every row's outcome against the partner's branches and items (and the rows before it). */
async function judge(
  ctx: PartnerContext,
  em: EntityManager,
  partnerId: string,
  allianceId: string,
  checked: Omit<CheckedRow, 'branchId'>[],
  rows: ImportRowValue[],
) {
  const branches = await ownBranches(em, partnerId);
  const existing = await existingItems(ctx, em, partnerId, allianceId);
  const firstLineOf = new Map<string, number>();
  return checked.map((row, index) => {
    const issues = [...row.issues];
    const input = rows[index]?.input ?? {};
    let branchId: string | null = null;
    const byId = typeof input.branchId === 'string' ? input.branchId.toLowerCase() : null;
    const name = rows[index]?.branchName?.trim();
    if (byId) {
      branchId = branches.ids.has(byId) ? byId : null;
      if (!branchId) {
        issues.push({ field: 'branchId', code: 'UNKNOWN_BRANCH', message: 'branchId must name a branch of your own partner' });
      }
    } else if (name) {
      branchId = branches.byName.get(sameText(name)) ?? null;
      if (!branchId) {
        issues.push({ field: 'branchName', code: 'UNKNOWN_BRANCH', message: `${name.slice(0, 60)} is not a branch of your own partner` });
      }
    }
    const repeated = firstLineOf.get(row.key);
    if (repeated !== undefined && !row.issues.some((issue) => issue.field === 'title')) {
      issues.push({ field: 'title', code: 'DUPLICATE_IN_FILE', message: `Same title and due date as line ${repeated}`, limit: repeated });
    } else if (repeated === undefined) {
      firstLineOf.set(row.key, row.line);
    }
    const existingId = existing.get(row.key);
    const outcome = issues.length > 0 ? ImportOutcome.INVALID : existingId ? ImportOutcome.EXISTS : ImportOutcome.CREATE;
    return { ...row, issues, branchId, outcome, commitmentId: outcome === ImportOutcome.EXISTS ? (existingId ?? null) : null };
  });
}

/**
 * Imports rows of commitments for the editor's own partner into an alliance it belongs to.
 * `dryRun` reports what would happen and writes nothing. Otherwise, when no row is invalid, the
 * new rows are written in one transaction (drafts, or published with their events for the
 * alliance when `publish`), under a lock per partner and alliance so two imports of one file
 * cannot both create; with any invalid row nothing is written. Rows that exist already are left
 * as they are. Throws for the request as a whole: not an editor (FORBIDDEN), not a member of the
 * alliance, no rows or more than `maxImportRows` (BAD_USER_INPUT).
 */
export async function importCommitments(
  ctx: PartnerContext,
  spec: PartnerKindSpec,
  allianceId: string,
  rows: ImportRowValue[],
  options: { dryRun: boolean; publish: boolean },
): Promise<CommitmentImportReport> {
  const partnerId = await hostedEditorPartnerId(ctx);
  const alliance = assertId(allianceId, 'allianceId');
  if (rows.length === 0 || rows.length > maxImportRows) {
    throw badInput(`rows must hold 1 to ${maxImportRows} rows (got ${rows.length})`, 'rows');
  }
  await ctx.runtime.memberships.assertMembers(alliance, [partnerId], 'allianceId');
  const rules = kindInputSchema(spec.definition);
  const checked = rows.map((row) => checkFields(spec, rules, row));

  const report = (judged: Awaited<ReturnType<typeof judge>>, applied: boolean): CommitmentImportReport => ({
    dryRun: options.dryRun,
    applied,
    publish: options.publish,
    created: judged.filter((row) => row.outcome === ImportOutcome.CREATE).length,
    existing: judged.filter((row) => row.outcome === ImportOutcome.EXISTS).length,
    invalid: judged.filter((row) => row.outcome === ImportOutcome.INVALID).length,
    rows: judged.map((row) => ({ line: row.line, outcome: row.outcome, commitmentId: row.commitmentId, issues: row.issues })),
  });

  if (options.dryRun) {
    return report(await judge(ctx, ctx.em, partnerId, alliance, checked, rows), false);
  }
  return writeTransaction(ctx, 'commitment', async (em) => {
    // One import per partner and alliance at a time: the second sees the first one's rows.
    await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`import:${partnerId}:${alliance}`]);
    const judged = await judge(ctx, em, partnerId, alliance, checked, rows);
    if (judged.some((row) => row.outcome === ImportOutcome.INVALID)) {
      return report(judged, false);
    }
    const now = new Date();
    const created: CommitmentRow[] = [];
    for (const row of judged.filter((candidate) => candidate.outcome === ImportOutcome.CREATE)) {
      const status = options.publish ? CommitmentStatus.PUBLISHED : CommitmentStatus.DRAFT;
      const item = em.create(ctx.runtime.commitmentEntity, {
        ...ctx.runtime.creationDefaults,
        ...row.values,
        id: randomUUID(),
        allianceId: alliance,
        partnerId,
        branchId: row.branchId,
        status,
        progress: 0,
        publishedAt: options.publish ? now : null,
        createdAt: now,
        updatedAt: now,
      } as CommitmentRow);
      const change = (oldValue: string | null, newValue: string) =>
        em.create(CommitmentChange, {
          id: randomUUID(),
          partnerId,
          commitmentId: item.id,
          actor: actorName(ctx.viewer),
          at: now,
          field: 'status',
          oldValue,
          newValue,
        });
      change(null, CommitmentStatus.DRAFT);
      if (options.publish) {
        change(CommitmentStatus.DRAFT, CommitmentStatus.PUBLISHED);
      }
      row.commitmentId = item.id;
      created.push(item);
    }
    if (options.publish) {
      await em.flush(); // sets each row's version, which its event carries
      for (const item of created) {
        queueEvent(em, 'commitment', item, commitmentSummary(item, ctx.runtime.kind));
      }
    }
    return report(judged, true);
  });
}
