import { ActivityType, Category, CommitmentStatus, demo, stableId } from '@hub/contracts';
import type { PartnerSeed } from '@hub/partner-kit';

/** This kind's demo organization: its id derived from its name, so every seed (and test) can refer to it. */
const institute = stableId('partner/transport-institute');
/** Another kind's demo organization this seed's activity invites. */
const widening = stableId('partner/widening-project');
const branch = stableId('branch/transport-institute');
const instituteName = '建筑工程学院交通工程研究所';

/** Demo data: the transport engineering institute in “五联五创” with the widening project. */
export const seed: PartnerSeed = {
  partners: [
    {
      id: institute,
      name: '省属大学建筑工程学院交通工程研究所',
      shortName: '交通工程研究所',
      description: '“五联五创”：科研创新、改扩建交通保通、高边坡施工、智慧建造合力攻关',
      alliances: [{ allianceId: demo.alliances.highway, joinedOn: '2026-03-01', liaison: { name: '李静', title: '研究所党支部书记' } }],
      editors: [{ login: 'university-editor', name: '交通工程研究所党务 · 李静' }],
      branches: [
        {
          id: branch,
          name: '交通工程研究所教工党支部',
          secretary: '李静',
          memberCount: 16,
          foundedOn: '2012-09-10',
          groups: [
            { name: '教师党小组', leader: '李静', memberCount: 9 },
            { name: '研究生党小组', leader: '杨帆', memberCount: 7 },
          ],
          members: [{ name: '李静', post: '研究所副所长', phone: '136-0000-4101', joinedOn: '2002-06-01' }],
        },
      ],
    },
  ],
  commitments: [
    {
      id: stableId('commitment/uni-slope'),
      allianceId: demo.alliances.highway,
      partnerId: institute,
      branchId: branch,
      title: '高边坡施工安全监测技术攻关',
      category: Category.PERFORMANCE,
      status: CommitmentStatus.IN_PROGRESS,
      progress: 45,
      startDate: '2026-03-15',
      dueDate: '2027-03-15',
      progressNote: '完成 3 处高边坡监测点布设，申请实用新型专利 2 项',
      extra: { institute: instituteName, researchTopic: '改扩建高边坡施工变形监测与预警' },
    },
    {
      id: stableId('commitment/uni-traffic'),
      allianceId: demo.alliances.highway,
      partnerId: institute,
      branchId: branch,
      title: '改扩建交通保通仿真与方案优化',
      category: Category.WORK_LINKAGE,
      status: CommitmentStatus.PUBLISHED,
      progress: 0,
      startDate: '2026-10-01',
      dueDate: '2027-01-31',
      extra: { institute: instituteName, researchTopic: '施工期交通组织仿真' },
    },
    {
      id: stableId('commitment/uni-lecture'),
      allianceId: demo.alliances.highway,
      partnerId: institute,
      branchId: branch,
      title: '为项目党员开设智慧建造专题党课',
      category: Category.THEORY_STUDY,
      status: CommitmentStatus.COMPLETED,
      progress: 100,
      startDate: '2026-04-01',
      dueDate: '2026-06-30',
      extra: { institute: instituteName, researchTopic: '智慧建造' },
    },
  ],
  activities: [
    {
      id: stableId('activity/uni-lecture'),
      allianceId: demo.alliances.highway,
      hostPartnerId: institute,
      title: '“五联五创”智慧建造专题讲座',
      type: ActivityType.LECTURE,
      startsAt: '2026-06-18T06:00:00.000Z',
      location: '建筑工程学院报告厅',
      minutes: '讲授 BIM 与智慧工地；项目部提出 5 个现场技术难题，列入联合攻关清单',
      invitedPartnerIds: [widening],
      attendance: [
        { partnerId: institute, partnerName: '交通工程研究所', attendees: 12 },
        { partnerId: widening, partnerName: '改扩建项目部', attendees: 20 },
      ],
      advancedCommitmentIds: [stableId('commitment/uni-lecture')],
    },
  ],
};
