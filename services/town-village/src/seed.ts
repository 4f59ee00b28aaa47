import { ActivityType, Category, CommitmentStatus, demo, stableId } from '@hub/contracts';
import type { PartnerSeed } from '@hub/partner-kit';

/** This kind's demo organizations: ids derived from their names, so every seed (and test) can refer to them. */
const ninghai = stableId('partner/ninghai-relocation');
const village = stableId('partner/tangyuan-village');
/** Another kind's demo organization this seed's activity invites. */
const widening = stableId('partner/widening-project');
const ninghaiBranch = stableId('branch/ninghai-relocation');
const villageBranch = stableId('branch/tangyuan-village');

/** Demo data: the Ninghai land-acquisition headquarters (宁海征迁指挥部) and 棠园村. */
export const seed: PartnerSeed = {
  partners: [
    {
      id: ninghai,
      name: '宁海征迁指挥部',
      shortName: '征迁指挥部',
      description: '负责改扩建沿线土地征收、坟墓迁移与管线迁改',
      alliances: [{ allianceId: demo.alliances.highway, joinedOn: '2026-03-01', liaison: { name: '王磊', title: '联络员' } }],
      editors: [{ login: 'town-village-editor', name: '宁海征迁指挥部党务 · 王磊' }],
      branches: [
        {
          id: ninghaiBranch,
          name: '宁海征迁指挥部临时党支部',
          secretary: '王磊',
          memberCount: 12,
          foundedOn: '2025-12-20',
          groups: [
            { name: '征地组党小组', leader: '冯军', memberCount: 6 },
            { name: '迁改组党小组', leader: '王磊', memberCount: 6 },
          ],
          members: [{ name: '王磊', post: '指挥部副指挥长', phone: '137-0000-3101', joinedOn: '2004-06-15' }],
        },
      ],
    },
    {
      id: village,
      name: '棠园村',
      shortName: '棠园村',
      description: '白琳镇棠园村，与输变电工程党支部党建联创',
      alliances: [{ allianceId: demo.alliances.tangyuan, joinedOn: '2026-04-15', liaison: { name: '陈秀英', title: '村党支部书记' } }],
      editors: [{ login: 'tangyuan-village-editor', name: '棠园村党务 · 陈秀英' }],
      branches: [
        {
          id: villageBranch,
          name: '棠园村党支部',
          secretary: '陈秀英',
          memberCount: 27,
          foundedOn: '1956-10-01',
          groups: [
            { name: '第一党小组', leader: '陈秀英', memberCount: 14 },
            { name: '第二党小组', leader: '吴德福', memberCount: 13 },
          ],
          members: [{ name: '陈秀英', post: '村党支部书记', phone: '137-0000-3201', joinedOn: '1998-07-01' }],
        },
      ],
    },
  ],
  commitments: [
    {
      id: stableId('commitment/tv-land'),
      allianceId: demo.alliances.highway,
      partnerId: ninghai,
      branchId: ninghaiBranch,
      title: '沿线土地征收与坟墓迁移攻坚',
      category: Category.WORK_LINKAGE,
      status: CommitmentStatus.IN_PROGRESS,
      progress: 85,
      startDate: '2026-01-10',
      dueDate: '2026-11-30',
      progressNote: '已完成征地 1,260 亩、坟墓迁移 188 座，剩余 12 座',
      extra: { village: '桥头胡街道、梅林街道沿线 9 个村', householdsServed: 412, landAcquisitionTasks: ['土地征收', '坟墓迁移'] },
    },
    {
      id: stableId('commitment/tv-pipelines'),
      allianceId: demo.alliances.highway,
      partnerId: ninghai,
      branchId: ninghaiBranch,
      title: '电力通信管线迁改协调',
      category: Category.SHARED_RESPONSIBILITY,
      status: CommitmentStatus.PUBLISHED,
      progress: 0,
      startDate: '2026-08-01',
      dueDate: '2026-10-15',
      extra: { village: '梅林街道', householdsServed: 0, landAcquisitionTasks: ['管线迁改'] },
    },
    {
      id: stableId('commitment/tv-tangyuan-relocation'),
      allianceId: demo.alliances.tangyuan,
      partnerId: village,
      branchId: villageBranch,
      title: '党员带头做好塔基项目安征迁',
      category: Category.WORK_LINKAGE,
      status: CommitmentStatus.IN_PROGRESS,
      progress: 70,
      startDate: '2026-04-20',
      dueDate: '2026-12-15',
      progressNote: '党员户率先签约 14 户，带动群众签约 35 户',
      extra: { village: '棠园村', householdsServed: 49, landAcquisitionTasks: ['塔基用地', '青苗补偿'] },
    },
    {
      id: stableId('commitment/tv-tangyuan-poor'),
      allianceId: demo.alliances.tangyuan,
      partnerId: village,
      branchId: villageBranch,
      title: '村企结对帮扶困难户',
      category: Category.PERFORMANCE,
      status: CommitmentStatus.COMPLETED,
      progress: 100,
      startDate: '2026-05-01',
      dueDate: '2026-09-30',
      extra: { village: '棠园村', householdsServed: 6, landAcquisitionTasks: [] },
    },
  ],
  activities: [
    {
      id: stableId('activity/tv-volunteer'),
      allianceId: demo.alliances.highway,
      hostPartnerId: ninghai,
      title: '征迁政策进村入户志愿服务',
      type: ActivityType.VOLUNTEER_SERVICE,
      startsAt: '2026-11-25T01:00:00.000Z',
      location: '梅林街道沿线村',
      description: '党员示范岗（政策宣传咨询岗、民意收集反馈岗）进村入户',
      invitedPartnerIds: [widening],
      attendance: [],
      advancedCommitmentIds: [stableId('commitment/tv-land')],
    },
  ],
};
