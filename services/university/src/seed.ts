import { ActivityType, Category, CobuildItemStatus, CommitmentStatus, demo, stableId } from '@hub/contracts';
import type { PartnerSeed } from '@hub/partner-kit';
import { seedReport as report, seedStep as step } from '@hub/partner-kit/seed-story';

/** This kind's demo organization: its id derived from its name, so every seed (and test) can refer to it. */
const institute = stableId('partner/transport-institute');
/** Other kinds' demo organizations this seed's activities invite. */
const widening = stableId('partner/widening-project');
const ninghai = stableId('partner/ninghai-relocation');
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
      startDate: '2026-03-15',
      dueDate: '2027-03-15',
      extra: { institute: instituteName, researchTopic: '改扩建高边坡施工变形监测与预警' },
      story: {
        drafted: step('2026-03-09 16:00', '李静'),
        published: step('2026-03-15 09:00', '李静'),
        reports: [
          report('2026-04-28 17:00', '杨帆', 10, '完成 K1505、K1510 高边坡现场踏勘，形成监测技术路线'),
          report('2026-06-20 16:30', '李静', 25, '布设首处高边坡监测点，连续采集数据 1 个月'),
          report('2026-08-18 17:10', '杨帆', 35, '完成 2 处高边坡监测点布设，申请实用新型专利 1 项'),
          report('2026-09-25 16:00', '李静', 45, '完成 3 处高边坡监测点布设，申请实用新型专利 2 项', [
            { label: '监测点布设', value: 3, unit: '处' },
            { label: '实用新型专利申请', value: 2, unit: '项' },
          ]),
        ],
      },
    },
    {
      id: stableId('commitment/uni-traffic'),
      allianceId: demo.alliances.highway,
      partnerId: institute,
      branchId: branch,
      title: '改扩建交通保通仿真与方案优化',
      category: Category.WORK_LINKAGE,
      status: CommitmentStatus.PUBLISHED,
      startDate: '2026-11-16',
      dueDate: '2027-01-31',
      extra: { institute: instituteName, researchTopic: '施工期交通组织仿真' },
      story: {
        drafted: step('2026-11-04 15:30', '李静'),
        published: step('2026-11-10 10:00', '李静'),
      },
    },
    {
      id: stableId('commitment/uni-lecture'),
      allianceId: demo.alliances.highway,
      partnerId: institute,
      branchId: branch,
      title: '为项目党员开设智慧建造专题党课',
      category: Category.THEORY_STUDY,
      status: CommitmentStatus.COMPLETED,
      startDate: '2026-04-01',
      dueDate: '2026-06-30',
      extra: { institute: instituteName, researchTopic: '智慧建造' },
      story: {
        drafted: step('2026-03-20 10:00', '李静'),
        published: step('2026-03-24 09:30', '李静'),
        reports: [report('2026-05-08 17:00', '李静', 50, '完成专题党课“BIM 与智慧工地”备课，项目部报名党员 20 人')],
        completed: step('2026-06-19 09:00', '李静'),
      },
    },
    {
      // The giving side of the closed 联建项目「高边坡施工变形监测技术支持」.
      id: stableId('commitment/uni-slope-plan'),
      allianceId: demo.alliances.highway,
      partnerId: institute,
      branchId: branch,
      title: 'K1510 高边坡变形监测方案与预警阈值',
      description: '联建项目「高边坡施工变形监测技术支持」研究所一方：监测方案、12 个监测点布设、预警阈值',
      category: Category.PERFORMANCE,
      status: CommitmentStatus.COMPLETED,
      startDate: '2026-04-20',
      dueDate: '2026-09-30',
      extra: { institute: instituteName, researchTopic: '改扩建高边坡施工变形监测与预警' },
      story: {
        drafted: { at: '2026-04-14T10:01:00+08:00', project: 'project/slope-monitoring/institute', role: 'GIVING' },
        published: step('2026-04-15 09:30', '李静'),
        reports: [
          report('2026-05-08 16:00', '杨帆', 30, '监测方案通过项目部评审'),
          report('2026-06-30 17:00', '杨帆', 70, '12 个监测点布设完成，开始自动采集'),
          report('2026-08-31 16:30', '李静', 90, '预警阈值经两个月监测数据校核'),
        ],
        // Completing the second side delivered the project (the alliance's seed: delivered 2026-09-28 16:00).
        completed: step('2026-09-28 16:00', '李静'),
      },
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
      announcedAt: '2026-06-05T02:00:00.000Z',
      minutesAt: '2026-06-18T10:00:00.000Z',
      location: '建筑工程学院报告厅',
      minutes: '讲授 BIM 与智慧工地；项目部提出 5 个现场技术难题，列入联合攻关清单',
      invitedPartnerIds: [widening],
      attendance: [
        { partnerId: institute, partnerName: '交通工程研究所', attendees: 12 },
        { partnerId: widening, partnerName: '改扩建项目部', attendees: 20 },
      ],
      advancedCommitmentIds: [stableId('commitment/uni-lecture')],
    },
    {
      id: stableId('activity/uni-red-visit'),
      allianceId: demo.alliances.highway,
      hostPartnerId: institute,
      title: '红色教育联学：师生与项目部党员走进红色教育基地',
      type: ActivityType.RED_EDUCATION_VISIT,
      startsAt: '2026-12-16T01:30:00.000Z',
      announcedAt: '2026-11-27T03:00:00.000Z',
      location: '宁海县红色教育基地',
      description: '年终红色教育联学，研究生党员讲解，项目部和征迁指挥部党员参加',
      invitedPartnerIds: [widening, ninghai],
      attendance: [],
      advancedCommitmentIds: [],
    },
  ],
  needs: [
    {
      id: stableId('need/practice-base'),
      allianceId: demo.alliances.highway,
      partnerId: institute,
      title: '研究生智慧建造现场实践基地',
      description: '研究所 6 名研究生需要在改扩建工地开展智慧建造和 BIM 应用实践',
      category: Category.PERFORMANCE,
      tags: ['实践基地', '智慧建造', '人才培养'],
      place: '宁海',
      wantedBy: '2027-03-01',
      help: [{ kind: 'VENUE', amount: 1, unit: '处' }],
      status: CobuildItemStatus.PUBLISHED,
      publishedAt: '2026-11-18T02:00:00.000Z',
    },
  ],
  resources: [
    {
      id: stableId('resource/slope-monitoring-team'),
      allianceId: demo.alliances.highway,
      partnerId: institute,
      title: '高边坡监测与预警技术团队',
      description: '研究所 3 名教师、6 名研究生，自有全站仪和裂缝监测设备',
      category: Category.PERFORMANCE,
      tags: ['高边坡', '监测', '科研攻关'],
      place: '宁海',
      availableFrom: '2026-04-01',
      availableUntil: '2027-06-30',
      offers: [
        { kind: 'EXPERTISE', amount: 5, unit: '人' },
        { kind: 'EQUIPMENT', amount: 2, unit: '套' },
      ],
      conditions: '需项目部提供现场安全培训',
      status: CobuildItemStatus.PUBLISHED,
      publishedAt: '2026-04-02T02:00:00.000Z',
    },
    {
      id: stableId('resource/training-course'),
      allianceId: demo.alliances.highway,
      partnerId: institute,
      title: '交通工程专题党课与技术培训',
      description: '研究所教工党支部可为联建单位开设专题党课和边坡、桥梁巡检技术培训',
      category: Category.THEORY_STUDY,
      tags: ['培训', '专题党课', '边坡巡检'],
      place: '宁海',
      availableFrom: '2026-09-01',
      availableUntil: '2027-07-15',
      offers: [{ kind: 'EXPERTISE', amount: 4, unit: '人' }],
      status: CobuildItemStatus.PUBLISHED,
      publishedAt: '2026-09-05T02:00:00.000Z',
    },
  ],
};
