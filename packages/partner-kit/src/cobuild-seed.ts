import { randomUUID } from 'node:crypto';
import type { HelpAmount } from '@hub/cobuild';
import { type Category, CobuildItemStatus } from '@hub/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CobuildItemChange, type NeedRow, type ResourceRow } from './cobuild-entities.ts';
import { type CobuildItemKind, validColumns } from './cobuild-items.ts';
import { needs } from './needs.ts';
import { resources } from './resources.ts';
import { queueEvent } from './writes.ts';

/**
 * Fields every seeded need and resource has. Each is checked by `@hub/cobuild`'s rules when
 * seeded (a bad demo item stops the seed). A PUBLISHED item queues its index event, so the
 * alliance learns of it as of an editor's publish; a WITHDRAWN one with a `publishedAt` was
 * published before and queues its event too; a DRAFT, or a WITHDRAWN one without
 * `publishedAt`, stays in the partner's subgraph.
 */
interface SeedItem {
  /** Fixed id (`stableId('need/…')`), so tests and other seeds can refer to it. */
  id: string;
  allianceId: string;
  /** A partner of this seed (the item's owner). */
  partnerId: string;
  title: string;
  description?: string;
  category: Category;
  tags?: string[];
  place?: string;
  status: CobuildItemStatus;
  /** When it was published (ISO date-time); default: the moment of seeding, for a PUBLISHED item. Set it in the past to seed a need that has waited (the claim hall). */
  publishedAt?: string;
  /** For a WITHDRAWN item. */
  withdrawReason?: string;
}

/** A seeded need (需求清单). */
export interface SeedNeed extends SeedItem {
  /** YYYY-MM-DD */
  wantedBy?: string;
  /** 1 to 5 kinds of help, each once: `{ kind: 'FUNDS', amount: 30000, unit: '元' }`. */
  help: HelpAmount[];
}

/** A seeded resource (资源清单). */
export interface SeedResource extends SeedItem {
  /** YYYY-MM-DD */
  availableFrom?: string;
  /** YYYY-MM-DD, not before availableFrom */
  availableUntil?: string;
  /** 1 to 5 kinds of help, each once. */
  offers: HelpAmount[];
  conditions?: string;
}

function seedItems<Row extends NeedRow | ResourceRow>(
  tx: EntityManager,
  kind: CobuildItemKind<Row>,
  items: SeedItem[],
  now: Date,
  actor: (partnerId: string) => string,
) {
  for (const item of items) {
    const columns = validColumns(kind, { ...item });
    const publishedAt = item.publishedAt ? new Date(item.publishedAt) : item.status === CobuildItemStatus.PUBLISHED ? now : null;
    // Dated when it was published (its partner's editor published it then), else when seeded.
    const at = publishedAt && publishedAt < now ? publishedAt : now;
    const row = tx.create(kind.schema, {
      ...columns,
      id: item.id,
      allianceId: item.allianceId,
      partnerId: item.partnerId,
      status: item.status,
      publishedAt,
      withdrawReason: item.withdrawReason ?? null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    } as never) as Row;
    tx.create(CobuildItemChange, {
      id: randomUUID(),
      partnerId: item.partnerId,
      itemId: item.id,
      actor: actor(item.partnerId),
      at,
      field: 'status',
      oldValue: null,
      newValue: item.status,
    });
    if (publishedAt && item.status !== CobuildItemStatus.DRAFT) {
      queueEvent(tx, kind.entity, row, kind.indexPayload(row));
    }
  }
}

/** Writes a seed's needs and resources (inside the seed's transaction); `actor` names who published a partner's items in their history. */
export function seedCobuildItems(
  tx: EntityManager,
  seed: { needs?: SeedNeed[]; resources?: SeedResource[] },
  now: Date,
  actor: (partnerId: string) => string,
): void {
  seedItems(tx, needs, seed.needs ?? [], now, actor);
  seedItems(tx, resources, seed.resources ?? [], now, actor);
}
