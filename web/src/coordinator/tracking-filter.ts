import { categories, listStatuses } from '../app/vocabulary.ts';
import type { Category, CoBuildingListFilter, CommitmentOrder, CommitmentStatus, TrafficLight } from '../generated/graphql.ts';

/** The traffic lights, worst first. */
export const lights: readonly TrafficLight[] = ['RED', 'YELLOW', 'GREEN'];

/** The tracking view's filters, kept in the address so a view can be shared and reloaded. */
export interface TrackingFilter {
  readonly status: CommitmentStatus[];
  readonly category: Category[];
  /** Partner kinds (`PartnerKind` values). */
  readonly kind: string[];
  readonly partnerId: string;
  readonly overdue: boolean;
  /** Open items with no progress for this many days; empty for no condition. */
  readonly staleDays: string;
  /** Open items with one of these lights. */
  readonly light: TrafficLight[];
  readonly order: CommitmentOrder;
}

function listParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] {
  return (params.get(name) ?? '').split(',').filter((value): value is T => allowed.includes(value as T));
}

/** The filter an address holds; `kinds` are the partner kinds the API knows (others are dropped). */
export function filterFromParams(params: URLSearchParams, kinds: readonly string[]): TrackingFilter {
  const stale = params.get('stale') ?? '';
  return {
    status: listParam(params, 'status', listStatuses),
    category: listParam(params, 'category', categories),
    kind: listParam(params, 'kind', kinds),
    partnerId: params.get('partner') ?? '',
    overdue: params.get('overdue') === '1',
    staleDays: /^\d{1,4}$/.test(stale) ? stale : '',
    light: listParam(params, 'light', lights),
    order: params.get('order') === 'DUE_DATE_DESC' ? 'DUE_DATE_DESC' : 'DUE_DATE_ASC',
  };
}

export function paramsFromFilter(filter: TrackingFilter): URLSearchParams {
  const params = new URLSearchParams();
  const put = (name: string, value: string) => value && params.set(name, value);
  put('status', filter.status.join(','));
  put('category', filter.category.join(','));
  put('kind', filter.kind.join(','));
  put('partner', filter.partnerId);
  put('overdue', filter.overdue ? '1' : '');
  put('stale', filter.staleDays);
  put('light', filter.light.join(','));
  put('order', filter.order === 'DUE_DATE_DESC' ? filter.order : '');
  return params;
}

/** The filter as the API takes it; conditions left empty are left out. */
export function apiFilter(filter: TrackingFilter): CoBuildingListFilter {
  return {
    ...(filter.status.length ? { status: filter.status } : {}),
    ...(filter.category.length ? { category: filter.category } : {}),
    ...(filter.kind.length ? { partnerKind: filter.kind } : {}),
    ...(filter.partnerId ? { partnerId: [filter.partnerId] } : {}),
    ...(filter.overdue ? { overdue: true } : {}),
    ...(filter.staleDays ? { staleDays: Number(filter.staleDays) } : {}),
    ...(filter.light.length ? { light: filter.light } : {}),
  };
}
