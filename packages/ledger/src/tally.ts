import type { Category } from '@hub/contracts';
import type { LedgerRow } from './row.ts';
import { categories } from './vocabulary.ts';

/**
 * Completion figures of a group of ledger rows, counted as the API counts them: withdrawn
 * items are left out of every figure.
 */
export interface Figures {
  total: number;
  completed: number;
  overdue: number;
  /** Sum of progress percentages (for the mean). */
  progressSum: number;
}

const empty = (): Figures => ({ total: 0, completed: 0, overdue: 0, progressSum: 0 });

/** completed / total, 0 for an empty group (the API's completionRate). */
export function completionRate(figures: Figures): number {
  return figures.total === 0 ? 0 : figures.completed / figures.total;
}

/** Mean progress in percent, 0 for an empty group. */
export function averageProgress(figures: Figures): number {
  return figures.total === 0 ? 0 : figures.progressSum / figures.total;
}

/** The figures by alliance, partner and category of the rows written so far (a few small maps, whatever the row count). */
export class LedgerTally {
  rows = 0;
  readonly overall = empty();
  readonly byAlliance = new Map<string, Figures>();
  readonly byPartner = new Map<string, Figures>();
  readonly byCategory = new Map<Category, Figures>(categories.map((category) => [category, empty()]));

  /** Groups listed even without rows (an alliance's members, say), in the order given; others follow as met. */
  constructor(known: { alliances?: readonly string[]; partners?: readonly string[] } = {}) {
    for (const name of known.alliances ?? []) {
      this.byAlliance.set(name, empty());
    }
    for (const name of known.partners ?? []) {
      this.byPartner.set(name, empty());
    }
  }

  add(row: LedgerRow): void {
    this.rows += 1;
    if (row.status === 'WITHDRAWN') {
      return;
    }
    const groups = [
      this.overall,
      this.group(this.byAlliance, row.allianceName),
      this.group(this.byPartner, row.partnerName),
      this.group(this.byCategory, row.category),
    ];
    for (const figures of groups) {
      figures.total += 1;
      figures.completed += row.status === 'COMPLETED' ? 1 : 0;
      figures.overdue += row.overdue ? 1 : 0;
      figures.progressSum += row.progress;
    }
  }

  private group<K>(groups: Map<K, Figures>, key: K): Figures {
    let figures = groups.get(key);
    if (!figures) {
      figures = empty();
      groups.set(key, figures);
    }
    return figures;
  }
}
