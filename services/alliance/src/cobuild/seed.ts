import { demo, type PartnerKind, stableId } from '@hub/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Claim, type CobuildAction, CobuildChange, Project, ProjectAssignment } from './entities.ts';
import { hubActor } from './history.ts';

/**
 * The demo alliances' 三张清单 between partners, consistent with each kind's seed (the needs,
 * resources and project commitments there carry the same `stableId` names): one project
 * evaluated and closed, two under way, one claim waiting for its answer, one claim declined.
 * Needs without a claim stay open or, published long enough ago, wait in the claim hall.
 * Dates tell the year as it went; the people are each partner's editors.
 */

const partners = {
  widening: { id: stableId('partner/widening-project'), kind: 'ENTERPRISE', editor: '改扩建项目部党务 · 张伟' },
  institute: { id: stableId('partner/transport-institute'), kind: 'UNIVERSITY', editor: '交通工程研究所党务 · 李静' },
  ninghai: { id: stableId('partner/ninghai-relocation'), kind: 'TOWN_VILLAGE', editor: '宁海征迁指挥部党务 · 王磊' },
  police: { id: stableId('partner/ninghai-highway-brigade'), kind: 'TRAFFIC_POLICE', editor: '高速交警大队党务 · 林海' },
  enforcement: { id: stableId('partner/highway-law-enforcement'), kind: 'TRAFFIC_POLICE', editor: '路政执法大队党务 · 郑涛' },
  tangyuan: { id: stableId('partner/tangyuan-500kv'), kind: 'ENTERPRISE', editor: '棠园输变电项目党务 · 刘洋' },
  village: { id: stableId('partner/tangyuan-village'), kind: 'TOWN_VILLAGE', editor: '棠园村党务 · 陈秀英' },
} as const satisfies Record<string, { id: string; kind: PartnerKind; editor: string }>;
type Who = (typeof partners)[keyof typeof partners];

interface DemoClaim {
  key: string;
  allianceId: string;
  need: string;
  needTitle: string;
  needing: Who;
  claimant: Who;
  resource?: string;
  proposal: string;
  claimedAt: string;
  decision?: { accepted: boolean; at: string; note?: string };
}

interface DemoProject {
  claim: string;
  category: string;
  dueDate: string;
  /** The needing side's and the giving side's commitment (each kind's seed has them). */
  commitments: { needing: { key: string; title: string }; giving: { key: string; title: string } };
  deliveredAt?: string;
  evaluation?: { satisfaction: number; comment: string; at: string };
}

const claims: DemoClaim[] = [
  {
    key: 'slope-monitoring/institute',
    allianceId: demo.alliances.highway,
    need: 'need/slope-monitoring',
    needTitle: '高边坡施工变形监测技术支持',
    needing: partners.widening,
    claimant: partners.institute,
    resource: 'resource/slope-monitoring-team',
    proposal: '派 3 名教师、6 名研究生驻场，两周内给出监测方案和预警阈值',
    claimedAt: '2026-04-12T03:00:00.000Z',
    decision: { accepted: true, at: '2026-04-14T02:00:00.000Z', note: '欢迎研究所团队驻场' },
  },
  {
    key: 'traffic-guarantee/enforcement',
    allianceId: demo.alliances.highway,
    need: 'need/traffic-guarantee',
    needTitle: '施工期交通组织与保通警力支持',
    needing: partners.widening,
    claimant: partners.enforcement,
    proposal: '路政执法大队派员参与施工路段巡查',
    claimedAt: '2026-09-23T06:00:00.000Z',
    decision: { accepted: false, at: '2026-09-26T02:00:00.000Z', note: '交通管制需警力，已请交警大队承接；路政巡查另行对接' },
  },
  {
    key: 'traffic-guarantee/police',
    allianceId: demo.alliances.highway,
    need: 'need/traffic-guarantee',
    needTitle: '施工期交通组织与保通警力支持',
    needing: partners.widening,
    claimant: partners.police,
    resource: 'resource/patrol-force',
    proposal: '大队抽调 6 名民警、2 辆警车，冬季施工期间驻点管制并联合巡查',
    claimedAt: '2026-09-24T01:30:00.000Z',
    decision: { accepted: true, at: '2026-09-26T02:05:00.000Z' },
  },
  {
    key: 'relocation-volunteers/widening',
    allianceId: demo.alliances.highway,
    need: 'need/relocation-volunteers',
    needTitle: '迁坟与管线迁改政策宣讲志愿者',
    needing: partners.ninghai,
    claimant: partners.widening,
    resource: 'resource/volunteer-team',
    proposal: '项目部党员志愿服务队 8 人，周末随指挥部入户宣讲',
    claimedAt: '2026-11-16T07:00:00.000Z',
  },
  {
    key: 'village-road/tangyuan',
    allianceId: demo.alliances.tangyuan,
    need: 'need/village-road',
    needTitle: '进村道路硬化 200 米',
    needing: partners.village,
    claimant: partners.tangyuan,
    resource: 'resource/road-machinery',
    proposal: '项目部出机械和施工队，并捐资 3 万元，雨季后完成硬化',
    claimedAt: '2026-05-09T02:00:00.000Z',
    decision: { accepted: true, at: '2026-05-12T01:00:00.000Z', note: '感谢项目部支持' },
  },
];

const projects: DemoProject[] = [
  {
    claim: 'slope-monitoring/institute',
    category: 'PERFORMANCE',
    dueDate: '2026-09-30',
    commitments: {
      needing: { key: 'commitment/ent-slope-support', title: '为研究所监测团队提供现场条件与安全培训' },
      giving: { key: 'commitment/uni-slope-plan', title: 'K1510 高边坡变形监测方案与预警阈值' },
    },
    deliveredAt: '2026-09-28T08:00:00.000Z',
    evaluation: { satisfaction: 5, comment: '监测方案及时、预警准确，K1510 高边坡施工零事故', at: '2026-10-08T02:00:00.000Z' },
  },
  {
    claim: 'traffic-guarantee/police',
    category: 'SHARED_RESPONSIBILITY',
    dueDate: '2027-01-31',
    commitments: {
      needing: { key: 'commitment/ent-traffic-plan', title: '施工期交通组织方案报交警大队会审' },
      giving: { key: 'commitment/tp-traffic-guarantee', title: '施工期交通管制与联合巡查保通' },
    },
  },
  {
    claim: 'village-road/tangyuan',
    category: 'PERFORMANCE',
    dueDate: '2026-12-31',
    commitments: {
      needing: { key: 'commitment/tv-road-coordination', title: '组织村民配合进村道路硬化施工' },
      giving: { key: 'commitment/ty-road', title: '为棠园村硬化进村道路 200 米' },
    },
  },
];

/** Writes the demo claims, projects, their delivered assignments and history (the caller runs it once, with the alliances). */
export function seedCobuild(tx: EntityManager): void {
  const step = (allianceId: string, at: string, actor: string, action: CobuildAction, ids: Record<string, string | null>, detail: string) =>
    tx.create(CobuildChange, {
      id: stableId(`cobuild-change/${action}/${Object.values(ids).join('/')}`),
      allianceId,
      at: new Date(at),
      actor,
      action,
      detail,
      ...ids,
    });

  for (const claim of claims) {
    const claimId = stableId(`claim/${claim.key}`);
    const needId = stableId(claim.need);
    const status = !claim.decision ? 'PENDING' : claim.decision.accepted ? 'ACCEPTED' : 'DECLINED';
    tx.create(Claim, {
      id: claimId,
      allianceId: claim.allianceId,
      needId,
      needPartnerId: claim.needing.id,
      claimantPartnerId: claim.claimant.id,
      claimantKind: claim.claimant.kind,
      resourceId: claim.resource ? stableId(claim.resource) : null,
      proposal: claim.proposal,
      status,
      note: claim.decision?.note ?? null,
      createdBy: claim.claimant.editor,
      createdAt: new Date(claim.claimedAt),
      decidedAt: claim.decision ? new Date(claim.decision.at) : null,
      decidedBy: claim.decision ? claim.needing.editor : null,
      version: claim.decision ? 2 : 1,
    });
    step(claim.allianceId, claim.claimedAt, claim.claimant.editor, 'CLAIMED', { needId, claimId }, claim.proposal);
    if (claim.decision) {
      const action = claim.decision.accepted ? 'CLAIM_ACCEPTED' : 'CLAIM_DECLINED';
      step(claim.allianceId, claim.decision.at, claim.needing.editor, action, { needId, claimId }, claim.decision.note ?? claim.needTitle);
    }
  }

  for (const project of projects) {
    const claim = claims.find((c) => c.key === project.claim)!;
    const decidedAt = claim.decision!.at;
    const projectId = stableId(`project/${claim.key}`);
    const needId = stableId(claim.need);
    const claimId = stableId(`claim/${claim.key}`);
    tx.create(Project, {
      id: projectId,
      allianceId: claim.allianceId,
      needId,
      claimId,
      resourceId: claim.resource ? stableId(claim.resource) : null,
      title: claim.needTitle,
      needingPartnerId: claim.needing.id,
      needingKind: claim.needing.kind,
      givingPartnerId: claim.claimant.id,
      givingKind: claim.claimant.kind,
      status: project.evaluation ? 'CLOSED' : project.deliveredAt ? 'DELIVERED' : 'ACTIVE',
      createdAt: new Date(decidedAt),
      deliveredAt: project.deliveredAt ? new Date(project.deliveredAt) : null,
      satisfaction: project.evaluation?.satisfaction ?? null,
      comment: project.evaluation?.comment ?? null,
      evaluatedBy: project.evaluation ? claim.needing.editor : null,
      evaluatedAt: project.evaluation ? new Date(project.evaluation.at) : null,
      closedAt: project.evaluation ? new Date(project.evaluation.at) : null,
      version: 1 + (project.deliveredAt ? 1 : 0) + (project.evaluation ? 1 : 0),
    });
    for (const [role, side, who] of [
      ['NEEDING', project.commitments.needing, claim.needing],
      ['GIVING', project.commitments.giving, claim.claimant],
    ] as const) {
      tx.create(ProjectAssignment, {
        id: stableId(`assignment/${claim.key}/${role}`),
        projectId,
        allianceId: claim.allianceId,
        partnerId: who.id,
        kind: who.kind,
        role,
        commitmentId: stableId(side.key),
        title: side.title,
        description: null,
        category: project.category as never,
        dueDate: project.dueDate,
        createdAt: new Date(decidedAt),
        // Delivered: each kind's seed holds the commitment already.
        deliveredAt: new Date(decidedAt),
      });
    }
    const ids = { needId, claimId, projectId };
    step(claim.allianceId, decidedAt, claim.needing.editor, 'PROJECT_CREATED', ids, claim.needTitle);
    if (project.deliveredAt) {
      step(claim.allianceId, project.deliveredAt, hubActor, 'PROJECT_DELIVERED', ids, claim.needTitle);
    }
    if (project.evaluation) {
      const { satisfaction, comment, at } = project.evaluation;
      step(claim.allianceId, at, claim.needing.editor, 'EVALUATED', ids, `${satisfaction} 分：${comment}`);
    }
  }
}
