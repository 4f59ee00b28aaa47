import { resourceIndexPayload, resourceInput } from '@hub/cobuild';
import { Resource, type ResourceRow } from './cobuild-entities.ts';
import type { CobuildItemKind } from './cobuild-items.ts';

/** What the alliance's resource index keeps of a published or withdrawn resource (`@hub/cobuild`'s `resourceIndexPayload`). */
export function resourceSummary(row: ResourceRow) {
  return resourceIndexPayload.parse({
    id: row.id,
    allianceId: row.allianceId,
    partnerId: row.partnerId,
    title: row.title,
    category: row.category,
    tags: row.tags,
    place: row.place ?? null,
    availableFrom: row.availableFrom ?? null,
    availableUntil: row.availableUntil ?? null,
    offers: row.offers,
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** 资源清单: a partner's resources. */
export const resources: CobuildItemKind<ResourceRow> = {
  entity: 'resource',
  label: 'Resource',
  schema: Resource,
  fields: ['title', 'description', 'category', 'tags', 'place', 'availableFrom', 'availableUntil', 'offers', 'conditions'],
  helpField: 'offers',
  rules: resourceInput,
  indexPayload: resourceSummary,
};
