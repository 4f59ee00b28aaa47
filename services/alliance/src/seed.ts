import { defaultClaimHallDays } from '@hub/cobuild';
import { defaultLightThresholds, demo, stableId } from '@hub/contracts';
import { kindNames } from '@hub/kinds';
import { discoverKinds, importFromKind } from '@hub/kinds/discover';
import type { PartnerSeed } from '@hub/partner-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { seedCobuild } from './cobuild/seed.ts';
import { Agreement, Alliance, JointMeeting, Membership, PartnerAccount } from './entities.ts';

const { alliances } = demo;

type Member = { partnerId: string; kind: string; partnerName: string; liaisonName: string; liaisonTitle: string; joinedOn: string };

/** Every kind's seeded partners, with the kind's PartnerKind value. */
async function seededPartners(): Promise<{ kind: string; partner: PartnerSeed['partners'][number] }[]> {
  const partners: { kind: string; partner: PartnerSeed['partners'][number] }[] = [];
  for (const definition of await discoverKinds()) {
    const { seed } = await importFromKind<{ seed: PartnerSeed }>(definition.name, 'src/seed.ts');
    partners.push(...seed.partners.map((partner) => ({ kind: kindNames(definition.name).kind, partner })));
  }
  return partners;
}

/** The demo memberships, as each kind's seed declares them for its partners. */
async function demoMembers(allianceId: string): Promise<Member[]> {
  return (await seededPartners()).flatMap(({ kind, partner }) =>
    (partner.alliances ?? [])
      .filter((membership) => membership.allianceId === allianceId)
      .map((membership) => ({
        partnerId: partner.id,
        kind,
        partnerName: partner.name,
        liaisonName: membership.liaison.name,
        liaisonTitle: membership.liaison.title,
        joinedOn: membership.joinedOn,
      })),
  );
}

/** The demo alliances' joint meetings (联席会议) over the year, each with what it decided; the last one is yet to come. */
const jointMeetings = [
  {
    id: stableId('meeting/highway-2026-03'),
    allianceId: alliances.highway,
    title: '联盟成立暨第一次联席会议',
    heldAt: '2026-03-01T06:00:00Z',
    location: '改扩建项目部会议室',
    agenda: ['签订党建共建协议', '建立每日碰头会和联席会议制度', '各方共建清单初稿'],
    decisions: '五方签订共建协议；每季度召开一次联席会议；各方 3 月 15 日前发布首批共建清单',
    convenedBy: '省交通集团改扩建工程指挥部党委',
  },
  {
    id: stableId('meeting/highway-2026-06'),
    allianceId: alliances.highway,
    title: '二季度联席会议：汛期高边坡施工安全与征迁攻坚',
    heldAt: '2026-06-15T06:00:00Z',
    location: '宁海征迁指挥部会议室',
    agenda: ['汛期高边坡施工安全', '土地征收与坟墓迁移进度', '高边坡监测联建项目进展'],
    decisions: '项目部汛期增设高边坡巡查责任区；研究所 6 月底前完成 12 个监测点布设；征迁指挥部 8 月底前完成征地',
    convenedBy: '省交通集团改扩建工程指挥部党委',
  },
  {
    id: stableId('meeting/highway-2026-10'),
    allianceId: alliances.highway,
    title: '十月联席会议：征迁攻坚与冬季施工保通',
    heldAt: '2026-10-12T06:00:00Z',
    location: '项目部会议室',
    agenda: ['K1510 段坟墓迁移进度', '冬季施工交通组织方案', '共建清单逾期事项通报'],
    decisions: '征迁指挥部 11 月底前完成剩余 12 座坟墓迁移；交警大队牵头修订冬季保通方案',
    convenedBy: '省交通集团改扩建工程指挥部党委',
  },
  {
    id: stableId('meeting/highway-2026-12'),
    allianceId: alliances.highway,
    title: '年度联席会议：共建清单年终销项',
    heldAt: '2026-12-22T06:00:00Z',
    location: '改扩建项目部会议室',
    agenda: ['共建清单年终销项情况', '逾期和长期无进展事项督办', '2027 年共建清单'],
    decisions: null,
    convenedBy: '省交通集团改扩建工程指挥部党委',
  },
  {
    id: stableId('meeting/tangyuan-2026-04'),
    allianceId: alliances.tangyuan,
    title: '党建联创签约暨第一次联席会议',
    heldAt: '2026-04-15T02:00:00Z',
    location: '棠园村党群服务中心',
    agenda: ['签订党建联创协议', '共建清单'],
    decisions: '围绕主题党日、项目安征迁、基础设施建设形成 7 项共建清单，按月通报、按期销项',
    convenedBy: '白琳镇两新工委',
  },
  {
    id: stableId('meeting/tangyuan-2026-08'),
    allianceId: alliances.tangyuan,
    title: '联席会议：进村道路硬化与塔基安征迁',
    heldAt: '2026-08-20T02:00:00Z',
    location: '棠园村党群服务中心',
    agenda: ['进村道路硬化进度', '塔基用地与青苗补偿', '村主干道路灯安装'],
    decisions: '进村道路 9 月底前硬化 160 米，余段雨季后施工；路灯 11 月 20 日前全部安装',
    convenedBy: '白琳镇两新工委',
  },
];

/** Who set the demo up: the built-in coordinator's display name (the gateway's demo users). */
const demoCoordinator = '省交通集团改扩建指挥部党委 · 周主任';

/** The day a seeded partner joined its first demo alliance. */
function firstJoined(partner: PartnerSeed['partners'][number]): string | undefined {
  return (partner.alliances ?? []).map((membership) => membership.joinedOn).sort()[0];
}

/**
 * Issues the demo editor accounts each kind's seed lists for its partners (`editors`), unless
 * accounts exist already (so a database seeded before accounts existed gets them too).
 * Returns whether it wrote.
 */
export async function seedAccounts(em: EntityManager): Promise<boolean> {
  if ((await em.count(PartnerAccount, {})) > 0) {
    return false;
  }
  const accounts = (await seededPartners()).flatMap(({ kind, partner }) =>
    (partner.editors ?? []).map((editor) => ({ ...editor, partnerId: partner.id, kind, joinedOn: firstJoined(partner) })),
  );
  await em.transactional(async (tx) => {
    for (const { joinedOn, ...account } of accounts) {
      // Issued by the coordinator the day the partner joined its first demo alliance, at 10:00 in the hub's zone.
      const issuedAt = joinedOn ? new Date(`${joinedOn}T10:00:00+08:00`) : new Date();
      tx.create(PartnerAccount, { ...account, issuedAt, issuedBy: demoCoordinator });
    }
  });
  return accounts.length > 0;
}

/**
 * Writes the demo alliances of docs/domain.md (the highway-widening alliance with all four partner
 * kinds, and the 棠园 alliance) unless alliances exist already. Returns whether it wrote.
 */
export async function seedAlliances(em: EntityManager): Promise<boolean> {
  if ((await em.count(Alliance, {})) > 0) {
    return false;
  }
  const highwayMembers = await demoMembers(alliances.highway);
  const tangyuanMembers = await demoMembers(alliances.tangyuan);
  await em.transactional(async (tx) => {
    tx.create(Alliance, {
      id: alliances.highway,
      name: '沈海高速宁海段改扩建党建联盟',
      description: '项目部与高校研究所“五联五创”、与征迁指挥部联建、与高速交警和路政执法“九方六保”“四统四联”联勤联动，共建平安百年品质工程',
      coordinatorName: '省交通集团改扩建工程指挥部党委',
      foundedOn: '2026-03-01',
      createdAt: new Date('2026-03-01T09:00:00+08:00'),
      ...defaultLightThresholds,
      claimHallDays: defaultClaimHallDays,
      version: 1,
    });
    tx.create(Alliance, {
      id: alliances.tangyuan,
      name: '棠园输变电工程党建联创',
      description: '白琳镇棠园500KV输变电工程党支部与棠园村签订党建联创协议，围绕主题党日、项目安征迁、基础设施建设形成7项共建清单',
      coordinatorName: '白琳镇两新工委',
      foundedOn: '2026-04-15',
      createdAt: new Date('2026-04-15T09:00:00+08:00'),
      ...defaultLightThresholds,
      claimHallDays: defaultClaimHallDays,
      version: 1,
    });
    for (const [allianceId, members] of [
      [alliances.highway, highwayMembers],
      [alliances.tangyuan, tangyuanMembers],
    ] as const) {
      for (const member of members) {
        tx.create(Membership, { ...member, id: stableId(`membership/${allianceId}/${member.partnerId}`), allianceId });
      }
    }
    tx.create(Agreement, {
      id: stableId('agreement/highway'),
      allianceId: alliances.highway,
      title: '沈海高速宁海段改扩建党建共建协议',
      signedOn: '2026-03-01',
      signatories: highwayMembers.map((m) => ({
        partnerId: m.partnerId,
        organization: m.partnerName,
        signer: m.liaisonName,
        title: m.liaisonTitle,
      })),
      terms: [
        '理论联学：每季度联合开展一次学习大课堂',
        '组织联建：组建工地兼合党支部，设党员先锋岗和党员责任区',
        '工作联动：建立每日碰头会和联席会议制度，合力攻关土地征收、坟墓迁移和管线迁改',
        '业绩联创：“五联五创”围绕科研创新、改扩建交通保通、高边坡施工、智慧建造联合攻关',
        '责任联担：落实“九方六保”“四统四联”，保安全、保畅通',
        '底线联守：共建廉洁工程，问题清单台账整改销项',
      ],
      version: 1,
    });
    tx.create(Agreement, {
      id: stableId('agreement/tangyuan'),
      allianceId: alliances.tangyuan,
      title: '棠园500KV输变电工程党建联创协议',
      signedOn: '2026-04-15',
      signatories: tangyuanMembers.map((m) => ({
        partnerId: m.partnerId,
        organization: m.partnerName,
        signer: m.liaisonName,
        title: m.liaisonTitle,
      })),
      terms: ['共同开展主题党日', '党员带头做好项目安征迁', '支持村基础设施建设', '7 项共建清单按月通报、按期销项'],
      version: 1,
    });
    for (const meeting of jointMeetings) {
      tx.create(JointMeeting, { ...meeting, heldAt: new Date(meeting.heldAt) });
    }
    seedCobuild(tx);
  });
  return true;
}
