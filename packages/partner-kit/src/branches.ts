import { randomUUID } from 'node:crypto';
import { assertId, badInput, isoDate, notFound, optionalText, requiredText } from '@hub/subgraph-kit';
import { hostedEditorPartnerId, type PartnerContext, requireEditorOf } from './context.ts';
import { Branch, type BranchRow, Group } from './entities.ts';
import type { BranchInput, GroupInput } from './types.ts';

function count(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 100_000) {
    throw badInput(`${field} must be a whole number from 0 to 100000`, field);
  }
  return value;
}

function branchValues(input: BranchInput): Partial<BranchRow> {
  const values: Partial<BranchRow> = {};
  if (input.name !== undefined) {
    values.name = requiredText(input.name ?? '', 'name', 200);
  }
  if (input.secretary !== undefined) {
    values.secretary = optionalText(input.secretary, 'secretary', 60);
  }
  if (input.memberCount !== undefined && input.memberCount !== null) {
    values.memberCount = count(input.memberCount, 'memberCount');
  }
  if (input.foundedOn !== undefined) {
    values.foundedOn = isoDate(input.foundedOn, 'foundedOn');
  }
  return values;
}

/** Adds a branch (党支部) to the editor's own partner. */
export async function createBranch(ctx: PartnerContext, input: BranchInput) {
  const partnerId = await hostedEditorPartnerId(ctx);
  const values = branchValues(input);
  if (!values.name) {
    throw badInput('name must not be empty', 'name');
  }
  const row = ctx.em.create(Branch, { memberCount: 0, ...values, id: randomUUID(), partnerId } as BranchRow);
  await ctx.em.flush();
  return row;
}

async function ownBranch(ctx: PartnerContext, id: string, field = 'id') {
  const row = await ctx.em.findOne(Branch, { id: assertId(id, field) });
  if (!row) {
    throw notFound('Branch', id);
  }
  requireEditorOf(ctx.viewer, row.partnerId);
  return row;
}

/** Edits one of the editor's own branches. */
export async function updateBranch(ctx: PartnerContext, id: string, input: BranchInput) {
  const row = await ownBranch(ctx, id);
  Object.assign(row, branchValues(input));
  await ctx.em.flush();
  return row;
}

/** Adds or edits a party group (党小组) of one of the editor's own branches. */
export async function upsertGroup(ctx: PartnerContext, branchId: string, input: GroupInput) {
  const branch = await ownBranch(ctx, branchId, 'branchId');
  const values = {
    name: requiredText(input.name, 'name', 200),
    leader: optionalText(input.leader, 'leader', 60),
    memberCount: count(input.memberCount, 'memberCount'),
  };
  if (input.id) {
    const group = await ctx.em.findOne(Group, { id: assertId(input.id), branchId: branch.id });
    if (!group) {
      throw notFound('Party group', input.id);
    }
    Object.assign(group, values);
    await ctx.em.flush();
    return group;
  }
  const group = ctx.em.create(Group, { ...values, id: randomUUID(), partnerId: branch.partnerId, branchId: branch.id });
  await ctx.em.flush();
  return group;
}
