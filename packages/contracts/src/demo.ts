import { createHash } from 'node:crypto';

/** A UUID derived from a name, so every service's demo data agrees on ids without sharing code. */
export function stableId(name: string): string {
  const hex = createHash('sha1').update(`party-alliance-hub/${name}`).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Ids of the demo alliances and partners (DOMAIN.md, "Facts for demo data"). */
export const demo = {
  alliances: {
    highway: stableId('alliance/highway-widening'),
    tangyuan: stableId('alliance/tangyuan'),
  },
  partners: {
    /** 高速公路改扩建工程项目部 (enterprise) */
    widening: stableId('partner/widening-project'),
    /** 白琳镇棠园500KV输变电工程 (enterprise) */
    tangyuanProject: stableId('partner/tangyuan-500kv'),
    /** 宁海征迁指挥部 (town-village) */
    ninghai: stableId('partner/ninghai-relocation'),
    /** 棠园村 (town-village) */
    tangyuanVillage: stableId('partner/tangyuan-village'),
    /** 交通工程研究所 (university) */
    institute: stableId('partner/transport-institute'),
    /** 高速交警大队 (traffic police) */
    trafficPolice: stableId('partner/highway-traffic-police'),
    /** 高速执法大队 (traffic police kind: highway law enforcement) */
    lawEnforcement: stableId('partner/highway-law-enforcement'),
  },
} as const;
