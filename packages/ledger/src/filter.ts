import { type Category, CommitmentOrder, type CommitmentStatus } from '@hub/contracts';
import { z } from 'zod';
import { categories, categoryLabels, lightLabels, statuses, statusLabels } from './vocabulary.ts';

/**
 * Which items an export holds: the tracking view's filters, named in the address as the web
 * app's tracking page names them (`status`, `category`, `kind`, `partner`, `overdue`, `stale`,
 * `light`, `order`), plus `alliance` (an id, or `all` for every alliance).
 */
export interface ExportRequest {
  readonly alliance: 'all' | string;
  readonly filter: {
    readonly status?: CommitmentStatus[];
    readonly category?: Category[];
    readonly partnerKind?: string[];
    readonly partnerId?: string[];
    readonly overdue?: true;
    readonly staleDays?: number;
    /** Open items with one of these traffic lights. */
    readonly light?: string[];
  };
  readonly order: CommitmentOrder;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A comma-separated list of allowed values (empty or absent: no condition). */
function listOf<T extends string>(allowed: readonly T[]) {
  return z
    .string()
    .optional()
    .transform((text, context) => {
      const values = (text ?? '').split(',').filter(Boolean);
      const unknown = values.filter((value) => !allowed.includes(value as T));
      if (unknown.length > 0) {
        context.addIssue({ code: 'custom', message: `unknown value ${unknown[0]?.slice(0, 40)}` });
        return z.NEVER;
      }
      return values.length > 0 ? [...new Set(values as T[])] : undefined;
    });
}

/**
 * Reads an export's address parameters; `kinds` are the partner kinds the API knows. Returns the
 * request, or the first problem (parameter and what is wrong) for a 400 answer.
 */
export function parseExportRequest(params: URLSearchParams, kinds: readonly string[]): ExportRequest | { problem: string } {
  const schema = z.object({
    alliance: z.string().refine((value) => value === 'all' || uuid.test(value), 'must be an alliance id or all'),
    status: listOf(statuses.filter((status) => status !== 'DRAFT')),
    category: listOf(categories),
    kind: listOf(kinds),
    partner: z
      .string()
      .optional()
      .refine((value) => !value || uuid.test(value), 'must be a partner id'),
    overdue: z.enum(['', '0', '1']).optional(),
    stale: z
      .string()
      .optional()
      .refine((value) => !value || (/^\d{1,4}$/.test(value) && Number(value) >= 1 && Number(value) <= 3650), 'must be 1 to 3650 days'),
    light: listOf(['GREEN', 'YELLOW', 'RED']),
    order: z.enum(['', CommitmentOrder.DUE_DATE_ASC, CommitmentOrder.DUE_DATE_DESC]).optional(),
  });
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `${String(issue?.path[0] ?? 'alliance')}: ${issue?.message ?? 'is not valid'}` };
  }
  const { alliance, status, category, kind, partner, overdue, stale, light, order } = parsed.data;
  return {
    alliance,
    filter: {
      ...(status ? { status } : {}),
      ...(category ? { category } : {}),
      ...(kind ? { partnerKind: kind } : {}),
      ...(partner ? { partnerId: [partner] } : {}),
      ...(overdue === '1' ? { overdue: true as const } : {}),
      ...(stale ? { staleDays: Number(stale) } : {}),
      ...(light ? { light } : {}),
    },
    order: order === CommitmentOrder.DUE_DATE_DESC ? CommitmentOrder.DUE_DATE_DESC : CommitmentOrder.DUE_DATE_ASC,
  };
}

/** The filter in words, for the file's note line: 「状态：推进中、已发布；逾期」, or 「全部事项」. */
export function describeFilter(
  request: ExportRequest,
  names: { kinds: ReadonlyMap<string, string>; partners: ReadonlyMap<string, string> },
): string {
  const { filter } = request;
  const parts = [
    filter.status ? `状态：${filter.status.map((status) => statusLabels[status]).join('、')}` : null,
    filter.category ? `类别：${filter.category.map((category) => categoryLabels[category]).join('、')}` : null,
    filter.partnerKind ? `单位类型：${filter.partnerKind.map((kind) => names.kinds.get(kind) ?? kind).join('、')}` : null,
    filter.partnerId ? `共建单位：${filter.partnerId.map((id) => names.partners.get(id) ?? id).join('、')}` : null,
    filter.overdue ? '只含逾期事项' : null,
    filter.staleDays ? `${filter.staleDays} 天无进展` : null,
    filter.light ? `红黄绿灯：${filter.light.map((light) => lightLabels[light] ?? light).join('、')}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('；') : '全部事项';
}
