import { needIndexPayload, needInput } from '@hub/cobuild';
import { Need, type NeedRow } from './cobuild-entities.ts';
import type { CobuildItemKind } from './cobuild-items.ts';

/** What the alliance's need index keeps of a published or withdrawn need (`@hub/cobuild`'s `needIndexPayload`). */
export function needSummary(row: NeedRow) {
  return needIndexPayload.parse({
    id: row.id,
    allianceId: row.allianceId,
    partnerId: row.partnerId,
    title: row.title,
    category: row.category,
    tags: row.tags,
    place: row.place ?? null,
    wantedBy: row.wantedBy ?? null,
    help: row.help,
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  });
}

/** 需求清单: a partner's needs. */
export const needs: CobuildItemKind<NeedRow> = {
  entity: 'need',
  label: 'Need',
  schema: Need,
  fields: ['title', 'description', 'category', 'tags', 'place', 'wantedBy', 'help'],
  helpField: 'help',
  rules: needInput,
  indexPayload: needSummary,
};
