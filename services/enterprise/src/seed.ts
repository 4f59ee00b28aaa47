import { ActivityType, Category, CommitmentStatus, demo, stableId } from '@hub/contracts';
import type { PartnerSeed } from '@hub/partner-kit';

/** This kind's demo organizations: ids derived from their names, so every seed (and test) can refer to them. */
const widening = stableId('partner/widening-project');
const tangyuan = stableId('partner/tangyuan-500kv');
/** Other kinds' demo organizations this seed's activities invite. */
const invited = {
  institute: stableId('partner/transport-institute'),
  ninghai: stableId('partner/ninghai-relocation'),
  highwayBrigade: stableId('partner/ninghai-highway-brigade'),
  tangyuanVillage: stableId('partner/tangyuan-village'),
};
const wideningBranch = stableId('branch/widening-project');
const tangyuanBranch = stableId('branch/tangyuan-500kv');
const project = '沈海高速宁海段改扩建工程';
const tangyuanProject = '白琳镇棠园500KV输变电工程';

function item(
  key: string,
  partnerId: string,
  branchId: string,
  allianceId: string,
  rest: Omit<PartnerSeed['commitments'][number], 'id' | 'partnerId' | 'branchId' | 'allianceId'>,
) {
  return { id: stableId(`commitment/${key}`), partnerId, branchId, allianceId, ...rest };
}

/** Demo data: the widening project's site branch and the 棠园 500KV project branch. */
export const seed: PartnerSeed = {
  partners: [
    {
      id: widening,
      name: '沈海高速宁海段改扩建工程项目部',
      shortName: '改扩建项目部',
      description: '创新“432”党建工作机制，党建1+X共建：与高校“五联五创”、与征迁指挥部联建、与交警路政“九方六保”',
      alliances: [{ allianceId: demo.alliances.highway, joinedOn: '2026-03-01', liaison: { name: '张伟', title: '党建工作指导员' } }],
      editors: [{ login: 'enterprise-editor', name: '改扩建项目部党务 · 张伟' }],
      branches: [
        {
          id: wideningBranch,
          name: '改扩建项目部工地兼合党支部',
          secretary: '张伟',
          memberCount: 31,
          foundedOn: '2025-11-08',
          groups: [
            { name: '路基工段党小组', leader: '赵刚', memberCount: 9 },
            { name: '桥梁工段党小组', leader: '孙丽', memberCount: 8 },
            { name: '高边坡突击队党小组', leader: '钱勇', memberCount: 7 },
            { name: '机关党小组', leader: '张伟', memberCount: 7 },
          ],
          members: [
            { name: '张伟', post: '项目党支部书记', phone: '139-0000-2101', joinedOn: '2006-07-01' },
            { name: '赵刚', post: '路基工段长', phone: '139-0000-2102', joinedOn: '2012-05-04' },
          ],
        },
      ],
    },
    {
      id: tangyuan,
      name: '白琳镇棠园500KV输变电工程党支部',
      shortName: '棠园输变电项目',
      description: '与棠园村签订党建联创协议，形成 7 项共建清单',
      alliances: [{ allianceId: demo.alliances.tangyuan, joinedOn: '2026-04-15', liaison: { name: '刘洋', title: '联络员' } }],
      editors: [{ login: 'tangyuan-project-editor', name: '棠园输变电项目党务 · 刘洋' }],
      branches: [
        {
          id: tangyuanBranch,
          name: '棠园500KV输变电工程党支部',
          secretary: '刘洋',
          memberCount: 11,
          foundedOn: '2026-04-01',
          groups: [
            { name: '线路施工党小组', leader: '何军', memberCount: 6 },
            { name: '变电站党小组', leader: '刘洋', memberCount: 5 },
          ],
          members: [{ name: '刘洋', post: '支部书记', phone: '139-0000-2201', joinedOn: '2011-07-01' }],
        },
      ],
    },
  ],
  commitments: [
    item('ent-pioneer-posts', widening, wideningBranch, demo.alliances.highway, {
      title: '设立党员先锋岗和党员责任区，覆盖全部高边坡工点',
      category: Category.ORGANIZATION,
      status: CommitmentStatus.IN_PROGRESS,
      progress: 75,
      startDate: '2026-03-10',
      dueDate: '2026-12-20',
      progressNote: '已设先锋岗 18 个、责任区 12 个，覆盖 9 个高边坡工点中的 7 个',
      extra: {
        project,
        site: 'K1505—K1512 高边坡段',
        pioneerPosts: 18,
        responsibilityZones: ['K1505 高边坡', 'K1508 互通匝道', '宁海枢纽'],
      },
    }),
    item('ent-smart-site', widening, wideningBranch, demo.alliances.highway, {
      title: '与研究所共建智慧工地监测平台',
      category: Category.PERFORMANCE,
      status: CommitmentStatus.PUBLISHED,
      progress: 0,
      startDate: '2026-09-01',
      dueDate: '2027-06-30',
      extra: { project, site: '全线', pioneerPosts: 2, responsibilityZones: [] },
    }),
    item('ent-daily-meeting', widening, wideningBranch, demo.alliances.highway, {
      title: '每日碰头会协调征迁与施工交通组织',
      category: Category.WORK_LINKAGE,
      status: CommitmentStatus.COMPLETED,
      progress: 100,
      startDate: '2026-03-01',
      dueDate: '2026-09-30',
      extra: { project, site: '项目部', pioneerPosts: 0, responsibilityZones: [] },
    }),
    item('ent-integrity', widening, wideningBranch, demo.alliances.highway, {
      title: '廉洁工程共建：问题清单台账整改销项',
      category: Category.INTEGRITY,
      status: CommitmentStatus.IN_PROGRESS,
      progress: 50,
      startDate: '2026-04-01',
      dueDate: '2026-11-15',
      progressNote: '查摆问题 24 项，已整改销项 12 项',
      extra: { project, site: null, pioneerPosts: 0, responsibilityZones: [] },
    }),
    item('ty-party-day', tangyuan, tangyuanBranch, demo.alliances.tangyuan, {
      title: '村企联合主题党日',
      category: Category.THEORY_STUDY,
      status: CommitmentStatus.COMPLETED,
      progress: 100,
      startDate: '2026-05-01',
      dueDate: '2026-07-01',
      extra: { project: tangyuanProject, site: '棠园村党群服务中心', pioneerPosts: 0, responsibilityZones: [] },
    }),
    item('ty-road', tangyuan, tangyuanBranch, demo.alliances.tangyuan, {
      title: '为棠园村硬化进村道路 200 米',
      category: Category.PERFORMANCE,
      status: CommitmentStatus.IN_PROGRESS,
      progress: 80,
      startDate: '2026-06-01',
      dueDate: '2026-12-31',
      progressNote: '已硬化 160 米，剩余路段待雨季后施工',
      extra: { project: tangyuanProject, site: '棠园村进村道路', pioneerPosts: 3, responsibilityZones: ['进村道路段'] },
    }),
    item('ty-tower-safety', tangyuan, tangyuanBranch, demo.alliances.tangyuan, {
      title: '塔基施工安全巡查党员示范岗',
      category: Category.SHARED_RESPONSIBILITY,
      status: CommitmentStatus.PUBLISHED,
      progress: 0,
      startDate: '2026-10-01',
      dueDate: '2027-03-31',
      extra: { project: tangyuanProject, site: '线路塔基 N12—N20', pioneerPosts: 4, responsibilityZones: ['N12—N20 塔基'] },
    }),
  ],
  activities: [
    {
      id: stableId('activity/ent-study'),
      allianceId: demo.alliances.highway,
      hostPartnerId: widening,
      title: '“平安百年品质工程”学习大课堂',
      type: ActivityType.STUDY_SESSION,
      startsAt: '2026-12-05T06:30:00.000Z',
      location: '改扩建项目部党员活动室',
      description: '理论联学：邀请研究所专家讲授高边坡施工安全与智慧建造',
      invitedPartnerIds: [invited.institute, invited.ninghai, invited.highwayBrigade],
      attendance: [],
      advancedCommitmentIds: [stableId('commitment/ent-smart-site')],
    },
    {
      id: stableId('activity/ty-party-day'),
      allianceId: demo.alliances.tangyuan,
      hostPartnerId: tangyuan,
      title: '棠园村企联合主题党日',
      type: ActivityType.THEME_PARTY_DAY,
      startsAt: '2026-06-28T01:00:00.000Z',
      location: '棠园村党群服务中心',
      minutes: '重温入党誓词；通报项目安征迁进展；商定进村道路硬化方案',
      invitedPartnerIds: [invited.tangyuanVillage],
      attendance: [
        { partnerId: tangyuan, partnerName: '棠园500KV输变电工程党支部', attendees: 9 },
        { partnerId: invited.tangyuanVillage, partnerName: '棠园村', attendees: 14 },
      ],
      advancedCommitmentIds: [stableId('commitment/ty-party-day')],
    },
  ],
};
