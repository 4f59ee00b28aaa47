import { demo, stableId } from '@hub/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Membership } from '../entities.ts';

/**
 * Where the demo alliances' members are (WGS 84), for the wall's map: the widening project by the
 * expressway near K1510 south-west of 宁海, the relocation HQ in 梅林街道, the traffic police and
 * law-enforcement brigades a few km apart around the county town; the institute in Hangzhou; the
 * 棠园 500KV project and 棠园村 in 白琳镇, 福鼎.
 */
const demoLocations: Record<string, { longitude: number; latitude: number; place: string }> = {
  [stableId('partner/widening-project')]: { longitude: 121.392, latitude: 29.262, place: '宁海县 沈海高速 K1510 附近' },
  [stableId('partner/ninghai-relocation')]: { longitude: 121.372, latitude: 29.318, place: '宁海县梅林街道' },
  [stableId('partner/ninghai-highway-brigade')]: { longitude: 121.418, latitude: 29.301, place: '宁海县 宁海互通附近' },
  [stableId('partner/highway-law-enforcement')]: { longitude: 121.451, latitude: 29.276, place: '宁海县桃源街道' },
  [stableId('partner/transport-institute')]: { longitude: 120.15, latitude: 30.27, place: '杭州市西湖区' },
  [stableId('partner/tangyuan-500kv')]: { longitude: 120.108, latitude: 27.258, place: '福鼎市白琳镇 棠园 500KV 站址' },
  [stableId('partner/tangyuan-village')]: { longitude: 120.124, latitude: 27.247, place: '福鼎市白琳镇棠园村' },
};

/**
 * Gives the demo alliances' seeded members their locations where the coordinator has set none
 * (so a database seeded before locations existed gets them too). Returns how many it set.
 */
export async function seedMemberLocations(em: EntityManager): Promise<number> {
  const members = await em.find(Membership, {
    allianceId: { $in: Object.values(demo.alliances) },
    partnerId: { $in: Object.keys(demoLocations) },
    longitude: null,
  });
  for (const member of members) {
    Object.assign(member, demoLocations[member.partnerId]);
  }
  await em.flush();
  return members.length;
}
