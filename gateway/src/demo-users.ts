import { demo, type Role } from '@hub/contracts';

/** The demo identities (DOMAIN.md, "Who uses the product"), for `pnpm token` and the web sign-in. */
export const demoUsers: Record<string, { name: string; role: Role; partnerId?: string }> = {
  coordinator: { name: '省交通集团改扩建指挥部党委 · 周主任', role: 'coordinator' },
  'enterprise-editor': { name: '改扩建项目部党务 · 张伟', role: 'partner_editor', partnerId: demo.partners.widening },
  'tangyuan-project-editor': { name: '棠园输变电项目党务 · 刘洋', role: 'partner_editor', partnerId: demo.partners.tangyuanProject },
  'town-village-editor': { name: '宁海征迁指挥部党务 · 王磊', role: 'partner_editor', partnerId: demo.partners.ninghai },
  'tangyuan-village-editor': { name: '棠园村党务 · 陈秀英', role: 'partner_editor', partnerId: demo.partners.tangyuanVillage },
  'university-editor': { name: '交通工程研究所党务 · 李静', role: 'partner_editor', partnerId: demo.partners.institute },
  'traffic-police-editor': { name: '高速交警大队党务 · 林海', role: 'partner_editor', partnerId: demo.partners.trafficPolice },
  viewer: { name: '数据大屏', role: 'viewer' },
};
