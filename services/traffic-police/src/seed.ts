import { ActivityType, Category, CommitmentStatus, demo, stableId } from '@hub/contracts';
import type { PartnerSeed } from '@hub/partner-kit';

/** This kind's demo organizations: ids derived from their names, so every seed (and test) can refer to them. */
const police = stableId('partner/ninghai-highway-brigade');
const enforcement = stableId('partner/highway-law-enforcement');
/** Another kind's demo organization this seed's activity invites. */
const widening = stableId('partner/widening-project');
const policeBranch = stableId('branch/highway-traffic-police');
const enforcementBranch = stableId('branch/highway-law-enforcement');
const highway = demo.alliances.highway;

/** Demo data: the highway traffic police and law-enforcement brigades of the widening alliance. */
export const seed: PartnerSeed = {
  partners: [
    {
      id: police,
      name: '省高速交警支队宁海大队',
      shortName: '高速交警',
      description: '负责改扩建施工路段的交通组织、事故处置与“九方六保”联勤联动',
      alliances: [{ allianceId: demo.alliances.highway, joinedOn: '2026-03-01', liaison: { name: '林海', title: '联络员' } }],
      editors: [{ login: 'traffic-police-editor', name: '高速交警大队党务 · 林海' }],
      branches: [
        {
          id: policeBranch,
          name: '宁海高速交警大队党支部',
          secretary: '陈建国',
          memberCount: 23,
          foundedOn: '2016-03-18',
          groups: [
            { name: '一中队党小组', leader: '林海', memberCount: 9 },
            { name: '二中队党小组', leader: '周斌', memberCount: 8 },
            { name: '机关党小组', leader: '吴敏', memberCount: 6 },
          ],
          members: [
            { name: '陈建国', post: '大队教导员', phone: '138-0000-1101', joinedOn: '2003-07-01' },
            { name: '林海', post: '一中队中队长', phone: '138-0000-1102', joinedOn: '2010-06-20' },
          ],
        },
      ],
    },
    {
      id: enforcement,
      name: '宁海高速公路路政执法大队',
      shortName: '高速执法',
      description: '路政许可、超限治理与施工区路产保护',
      alliances: [{ allianceId: demo.alliances.highway, joinedOn: '2026-03-01', liaison: { name: '郑涛', title: '联络员' } }],
      editors: [{ login: 'law-enforcement-editor', name: '路政执法大队党务 · 郑涛' }],
      branches: [
        {
          id: enforcementBranch,
          name: '高速执法大队党支部',
          secretary: '黄立新',
          memberCount: 14,
          foundedOn: '2018-09-01',
          groups: [{ name: '路政一组党小组', leader: '郑涛', memberCount: 7 }],
          members: [{ name: '黄立新', post: '大队长', phone: '138-0000-1201', joinedOn: '2005-05-04' }],
        },
      ],
    },
  ],
  commitments: [
    {
      id: stableId('commitment/tp-joint-duty'),
      allianceId: highway,
      partnerId: police,
      branchId: policeBranch,
      title: '施工路段“九方六保”联勤联动',
      description: '与项目部、征迁指挥部建立每日碰头机制，施工区事故 15 分钟内到场处置',
      category: Category.WORK_LINKAGE,
      status: CommitmentStatus.IN_PROGRESS,
      progress: 60,
      startDate: '2026-03-01',
      dueDate: '2026-12-31',
      progressNote: '已开展联合处置演练 3 次，施工区平均到场时间 12 分钟',
      extra: { roadSection: 'G15沈海高速宁海段 K1498—K1523', guarantees: ['SAFETY', 'TRAFFIC_FLOW'], jointActions: ['COMMAND_RESPONSE'] },
    },
    {
      id: stableId('commitment/tp-approval'),
      allianceId: highway,
      partnerId: police,
      branchId: policeBranch,
      title: '改扩建交通保通方案联合审批',
      category: Category.SHARED_RESPONSIBILITY,
      status: CommitmentStatus.PUBLISHED,
      progress: 0,
      startDate: '2026-09-01',
      dueDate: '2026-10-31',
      extra: {
        roadSection: 'G15沈海高速宁海段 K1510—K1516',
        guarantees: ['SCHEDULE', 'TRAFFIC_FLOW'],
        jointActions: ['APPROVAL_SUPERVISION'],
      },
    },
    {
      id: stableId('commitment/tp-inspection'),
      allianceId: highway,
      partnerId: police,
      branchId: policeBranch,
      title: '施工区交通组织月度联合检查',
      category: Category.INTEGRITY,
      status: CommitmentStatus.IN_PROGRESS,
      progress: 40,
      startDate: '2026-01-15',
      dueDate: '2027-01-15',
      progressNote: '1—10 月完成联合检查 10 次，整改问题 27 项',
      extra: {
        roadSection: 'G15沈海高速宁海段全线',
        guarantees: ['SAFETY', 'QUALITY', 'CLOSED_LOOP'],
        jointActions: ['STANDARDS_INSPECTION'],
      },
    },
    {
      id: stableId('commitment/tp-party-day'),
      allianceId: highway,
      partnerId: police,
      branchId: policeBranch,
      title: '“平安百年品质工程”警企共建主题党日',
      category: Category.THEORY_STUDY,
      status: CommitmentStatus.COMPLETED,
      progress: 100,
      startDate: '2026-06-01',
      dueDate: '2026-07-01',
      extra: { roadSection: '宁海服务区', guarantees: ['SAFETY'], jointActions: [] },
    },
    {
      id: stableId('commitment/le-overload'),
      allianceId: highway,
      partnerId: enforcement,
      branchId: enforcementBranch,
      title: '施工便道超限超载联合治理',
      category: Category.SHARED_RESPONSIBILITY,
      status: CommitmentStatus.PUBLISHED,
      progress: 0,
      startDate: '2026-10-01',
      dueDate: '2027-03-31',
      extra: {
        roadSection: '宁海北互通—梅林互通',
        guarantees: ['SAFETY', 'REVENUE'],
        jointActions: ['COMMAND_RESPONSE', 'CARRIER_COORDINATION'],
      },
    },
    {
      id: stableId('commitment/le-draft'),
      allianceId: highway,
      partnerId: enforcement,
      branchId: enforcementBranch,
      title: '春运期间施工区保畅预案（草稿）',
      category: Category.WORK_LINKAGE,
      status: CommitmentStatus.DRAFT,
      progress: 0,
      dueDate: '2027-01-20',
      extra: { roadSection: 'G15沈海高速宁海段', guarantees: ['TRAFFIC_FLOW'], jointActions: [] },
    },
  ],
  activities: [
    {
      id: stableId('activity/tp-joint-inspection'),
      allianceId: highway,
      hostPartnerId: police,
      title: '施工区交通组织联合安全检查',
      type: ActivityType.JOINT_INSPECTION,
      startsAt: '2026-11-28T01:30:00.000Z',
      location: 'G15沈海高速宁海段 K1505 施工区',
      description: '统一标准·联合检查：警、企、路政三方对围挡、标志、限速设施逐项检查',
      invitedPartnerIds: [widening, enforcement],
      attendance: [],
      advancedCommitmentIds: [stableId('commitment/tp-inspection')],
    },
  ],
};
