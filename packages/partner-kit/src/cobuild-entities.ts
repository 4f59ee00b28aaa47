import type { Category, CobuildItemStatus, HelpKind } from '@hub/contracts';
import { EntitySchema } from '@mikro-orm/postgresql';

/**
 * Persistence of 三张清单 in a partner subgraph (docs/three-lists.md): the partner's own needs
 * (需求清单) and resources (资源清单), drafts included, and the history of both. The alliance
 * keeps only an index of the published ones, fed through the outbox.
 */

/** One kind of help with its amount, as stored (`amount` and `unit` null when not given). */
export interface StoredHelp {
  kind: HelpKind;
  amount: number | null;
  unit: string | null;
}

/** The columns a need and a resource share. */
interface CobuildItemRow {
  id: string;
  allianceId: string;
  partnerId: string;
  title: string;
  description?: string | null;
  category: Category;
  tags: string[];
  place?: string | null;
  status: CobuildItemStatus;
  publishedAt?: Date | null;
  withdrawReason?: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface NeedRow extends CobuildItemRow {
  wantedBy?: string | null;
  help: StoredHelp[];
}

export interface ResourceRow extends CobuildItemRow {
  availableFrom?: string | null;
  availableUntil?: string | null;
  offers: StoredHelp[];
  conditions?: string | null;
}

export interface ItemChangeRow {
  id: string;
  partnerId: string;
  /** The need's or resource's id. */
  itemId: string;
  actor: string;
  at: Date;
  field: string;
  oldValue?: string | null;
  newValue?: string | null;
}

const uuid = { type: 'uuid' } as const;

const itemColumns = {
  id: { ...uuid, primary: true },
  allianceId: { ...uuid },
  partnerId: { ...uuid },
  title: { type: 'string', length: 200 },
  description: { type: 'text', nullable: true },
  category: { type: 'string', length: 40 },
  tags: { type: 'json' },
  place: { type: 'string', length: 100, nullable: true },
  status: { type: 'string', length: 20 },
  publishedAt: { type: 'datetime', nullable: true },
  withdrawReason: { type: 'text', nullable: true },
  createdAt: { type: 'datetime' },
  updatedAt: { type: 'datetime' },
  version: { type: 'integer', version: true },
} as const;

export const Need = new EntitySchema<NeedRow>({
  name: 'Need',
  tableName: 'need',
  indexes: [{ properties: ['partnerId', 'status'] }, { properties: ['allianceId'] }],
  properties: {
    ...itemColumns,
    wantedBy: { type: 'date', nullable: true },
    help: { type: 'json' },
  },
});

export const Resource = new EntitySchema<ResourceRow>({
  name: 'Resource',
  tableName: 'resource',
  indexes: [{ properties: ['partnerId', 'status'] }, { properties: ['allianceId'] }],
  properties: {
    ...itemColumns,
    availableFrom: { type: 'date', nullable: true },
    availableUntil: { type: 'date', nullable: true },
    offers: { type: 'json' },
    conditions: { type: 'text', nullable: true },
  },
});

/** The history of needs and resources in one table (their ids never collide). */
export const CobuildItemChange = new EntitySchema<ItemChangeRow>({
  name: 'CobuildItemChange',
  tableName: 'cobuild_item_change',
  properties: {
    id: { ...uuid, primary: true },
    partnerId: { ...uuid },
    itemId: { ...uuid, index: true },
    actor: { type: 'string', length: 120 },
    at: { type: 'datetime' },
    field: { type: 'string', length: 60 },
    oldValue: { type: 'text', nullable: true },
    newValue: { type: 'text', nullable: true },
  },
});
