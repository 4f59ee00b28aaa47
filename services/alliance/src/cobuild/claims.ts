import { randomUUID } from 'node:crypto';
import { type ClaimInput, claimInput, type EvaluationInput, evaluationInput, limits } from '@hub/cobuild';
import type { Viewer } from '@hub/contracts';
import { assertId, badInput, conflict, forbidden, notFound, optionalText } from '@hub/subgraph-kit';
import { type EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { Membership } from '../entities.ts';
import { lockEventOrder } from '../event-log.ts';
import {
  Claim,
  type ClaimRow,
  NeedIndex,
  type NeedIndexRow,
  Project,
  ProjectAssignment,
  type ProjectRow,
  ResourceIndex,
} from './entities.ts';
import { actorOf, type NewChange, recordChanges } from './history.ts';
import { checked, clip, editorPartner, requireEditorOf } from './rules.ts';

/**
 * The writes between partners (docs/three-lists.md, the cycle): claiming a need, deciding and
 * withdrawing a claim, evaluating a delivered project. Each runs in one transaction under the
 * event-order lock, checks the version its writer saw (CONFLICT otherwise), and records its
 * steps (history and live events).
 */

/** The note on the other open claims when one is accepted. */
const supersededNote = '已接受其他单位的认领';

/** A member's registered name in an alliance (its partner id when unknown). */
async function nameIn(em: EntityManager, allianceId: string, partnerId: string): Promise<string> {
  return (await em.findOne(Membership, { allianceId, partnerId }))?.partnerName ?? partnerId;
}

function assertVersion(what: string, row: { version: number }, version: number): void {
  if (row.version !== version) {
    throw conflict(`The ${what} is at version ${row.version}, not ${version}; reload it and try again`);
  }
}

/** The need, locked; NOT_FOUND when the index has none. */
async function lockedNeed(em: EntityManager, needId: string): Promise<NeedIndexRow> {
  const need = await em.findOne(NeedIndex, { id: needId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!need) {
    throw notFound('Need', needId);
  }
  return need;
}

/** Claims a need for the caller's partner, optionally with one of its own published resources. */
export function claimNeed(em: EntityManager, viewer: Viewer, input: ClaimInput): Promise<ClaimRow> {
  const claimantId = editorPartner(viewer, 'claim needs');
  const values = checked(claimInput, input);
  const needId = values.needId.toLowerCase();
  const resourceId = values.resourceId?.toLowerCase() ?? null;
  return em.transactional(async (tx) => {
    await lockEventOrder(tx);
    const need = await lockedNeed(tx, needId);
    const member = await tx.findOne(Membership, { allianceId: need.allianceId, partnerId: claimantId });
    if (!member) {
      throw forbidden('Only partners of the need’s alliance may claim it');
    }
    if (need.partnerId === claimantId) {
      throw forbidden('A partner does not claim its own need');
    }
    if (need.status !== 'PUBLISHED') {
      throw conflict('The need was withdrawn: it is claimed no more');
    }
    if (await tx.findOne(Project, { needId })) {
      throw conflict('The need is already in a project: it is claimed no more');
    }
    if (resourceId) {
      const resource = await tx.findOne(ResourceIndex, { id: resourceId });
      if (resource && resource.partnerId !== claimantId) {
        throw forbidden('A partner claims with its own resources only');
      }
      if (!resource || resource.allianceId !== need.allianceId || resource.status !== 'PUBLISHED') {
        throw badInput('resourceId must be one of your partner’s published resources in this alliance', 'resourceId');
      }
    }
    if (await tx.findOne(Claim, { needId, claimantPartnerId: claimantId, status: 'PENDING' })) {
      throw conflict('Your partner already has an open claim on this need; withdraw it before claiming again');
    }
    const claim = tx.create(Claim, {
      id: randomUUID(),
      allianceId: need.allianceId,
      needId,
      needPartnerId: need.partnerId,
      claimantPartnerId: claimantId,
      claimantKind: member.kind,
      resourceId,
      proposal: values.proposal,
      status: 'PENDING',
      note: null,
      createdBy: actorOf(viewer),
      createdAt: new Date(),
      decidedAt: null,
      decidedBy: null,
    } as never);
    try {
      await tx.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict('Your partner already has an open claim on this need');
      }
      throw error;
    }
    await recordChanges(tx, [
      { allianceId: need.allianceId, actor: actorOf(viewer), action: 'CLAIMED', needId, claimId: claim.id, detail: member.partnerName },
    ]);
    return claim;
  });
}

/** The claim, locked, in the state its writer saw: NOT_FOUND, the caller's refusal, CONFLICT when decided or stale. */
async function pendingClaim(em: EntityManager, id: string, version: number, check: (claim: ClaimRow) => void): Promise<ClaimRow> {
  const claim = await em.findOne(Claim, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!claim) {
    throw notFound('Claim', id);
  }
  check(claim);
  if (claim.status !== 'PENDING') {
    throw conflict(`The claim is already ${claim.status}`);
  }
  assertVersion('claim', claim, version);
  return claim;
}

/**
 * Accepts or declines an open claim (an editor of the needing partner). Accepting declines the
 * other open claims of the need, makes the project and one assignment per partner: each partner's
 * subgraph pulls its assignment and creates the draft commitment with the id it names.
 */
export function decideClaim(
  em: EntityManager,
  viewer: Viewer,
  args: { id: string; version: number; accept: boolean; note?: string | null },
): Promise<ClaimRow> {
  const claimId = assertId(args.id);
  const note = optionalText(args.note, 'note', limits.note);
  const doing = 'decide the claims of its needs';
  editorPartner(viewer, doing);
  return em.transactional(async (tx) => {
    await lockEventOrder(tx);
    const claim = await pendingClaim(tx, claimId, args.version, (row) => requireEditorOf(viewer, row.needPartnerId, doing));
    const actor = actorOf(viewer);
    Object.assign(claim, { status: args.accept ? 'ACCEPTED' : 'DECLINED', note, decidedAt: new Date(), decidedBy: actor });
    if (!args.accept) {
      await tx.flush();
      await recordChanges(tx, [
        { allianceId: claim.allianceId, actor, action: 'CLAIM_DECLINED', needId: claim.needId, claimId, detail: note },
      ]);
      return claim;
    }
    const need = await lockedNeed(tx, claim.needId);
    if (need.status !== 'PUBLISHED' || (await tx.findOne(Project, { needId: need.id }))) {
      throw conflict('The need was withdrawn or is already in a project');
    }
    const project = tx.create(Project, {
      id: randomUUID(),
      allianceId: claim.allianceId,
      needId: need.id,
      claimId,
      resourceId: claim.resourceId ?? null,
      title: need.title,
      needingPartnerId: need.partnerId,
      needingKind: need.kind,
      givingPartnerId: claim.claimantPartnerId,
      givingKind: claim.claimantKind,
      status: 'ACTIVE',
      createdAt: new Date(),
    } as never) as ProjectRow;
    const [needingName, givingName] = await Promise.all([
      nameIn(tx, claim.allianceId, need.partnerId),
      nameIn(tx, claim.allianceId, claim.claimantPartnerId),
    ]);
    const assignment = (partnerId: string, kind: string, role: 'NEEDING' | 'GIVING', title: string, description: string) =>
      tx.create(ProjectAssignment, {
        id: randomUUID(),
        projectId: project.id,
        allianceId: claim.allianceId,
        partnerId,
        kind,
        role,
        commitmentId: randomUUID(),
        title: clip(title, limits.title),
        description: clip(description, limits.description),
        category: need.category,
        dueDate: need.wantedBy ?? null,
        createdAt: new Date(),
        deliveredAt: null,
      } as never);
    assignment(need.partnerId, need.kind, 'NEEDING', need.title, `${givingName}领办：${claim.proposal}`);
    assignment(
      claim.claimantPartnerId,
      claim.claimantKind,
      'GIVING',
      `为「${needingName}」${need.title}`,
      `领办${needingName}的需求：${claim.proposal}`,
    );
    const others = await tx.find(Claim, { needId: need.id, status: 'PENDING', id: { $ne: claimId } });
    for (const other of others) {
      Object.assign(other, { status: 'DECLINED', note: supersededNote, decidedAt: new Date(), decidedBy: actor });
    }
    await tx.flush();
    const changes: NewChange[] = [
      { allianceId: claim.allianceId, actor, action: 'CLAIM_ACCEPTED', needId: need.id, claimId, projectId: project.id, detail: note },
      {
        allianceId: claim.allianceId,
        actor,
        action: 'PROJECT_CREATED',
        needId: need.id,
        claimId,
        projectId: project.id,
        detail: project.title,
      },
      ...others.map((other) => ({
        allianceId: claim.allianceId,
        actor,
        action: 'CLAIM_DECLINED' as const,
        needId: need.id,
        claimId: other.id,
        detail: supersededNote,
      })),
    ];
    await recordChanges(tx, changes);
    return claim;
  });
}

/** Withdraws an open claim (an editor of the claiming partner). */
export function withdrawClaim(em: EntityManager, viewer: Viewer, args: { id: string; version: number }): Promise<ClaimRow> {
  const claimId = assertId(args.id);
  const doing = 'withdraw their claims';
  editorPartner(viewer, doing);
  return em.transactional(async (tx) => {
    await lockEventOrder(tx);
    const claim = await pendingClaim(tx, claimId, args.version, (row) => requireEditorOf(viewer, row.claimantPartnerId, doing));
    const actor = actorOf(viewer);
    Object.assign(claim, { status: 'WITHDRAWN', decidedAt: new Date(), decidedBy: actor });
    await tx.flush();
    await recordChanges(tx, [{ allianceId: claim.allianceId, actor, action: 'CLAIM_WITHDRAWN', needId: claim.needId, claimId }]);
    return claim;
  });
}

/** Evaluates a delivered project (an editor of the needing partner), which closes it (销号). */
export function evaluateProject(
  em: EntityManager,
  viewer: Viewer,
  args: { id: string; version: number; input: EvaluationInput },
): Promise<ProjectRow> {
  const projectId = assertId(args.id);
  const doing = 'evaluate the projects of its needs';
  editorPartner(viewer, doing);
  const evaluation = checked(evaluationInput, args.input);
  return em.transactional(async (tx) => {
    await lockEventOrder(tx);
    const project = await tx.findOne(Project, { id: projectId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!project) {
      throw notFound('Project', projectId);
    }
    requireEditorOf(viewer, project.needingPartnerId, doing);
    if (project.status === 'ACTIVE') {
      throw conflict('The project is not delivered yet: it is evaluated once every commitment of it is completed');
    }
    if (project.status === 'CLOSED') {
      throw conflict('The project is already evaluated and closed');
    }
    assertVersion('project', project, args.version);
    const actor = actorOf(viewer);
    const now = new Date();
    Object.assign(project, {
      status: 'CLOSED',
      satisfaction: evaluation.satisfaction,
      comment: evaluation.comment,
      evaluatedBy: actor,
      evaluatedAt: now,
      closedAt: now,
    });
    await tx.flush();
    await recordChanges(tx, [
      {
        allianceId: project.allianceId,
        actor,
        action: 'EVALUATED',
        needId: project.needId,
        claimId: project.claimId,
        projectId,
        detail: `${evaluation.satisfaction}/5`,
      },
    ]);
    return project;
  });
}
