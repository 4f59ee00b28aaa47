import type { Category, CommitmentStatus } from '@hub/contracts';
import { type LedgerKind, type LedgerKindField, ownFieldText } from './kinds.ts';
import { cellDate, hubDay } from './period.ts';
import { categoryLabels, lightLabels, statusLabels } from './vocabulary.ts';

/**
 * One line of the 台账: a joint-list item as the API gives it, in the words and types a ledger
 * holds (dates as dates, progress as a number).
 */
export interface LedgerRow {
  readonly id: string;
  readonly allianceName: string;
  readonly partnerName: string;
  readonly kind: LedgerKind | null;
  readonly title: string;
  readonly description: string | null;
  readonly category: Category;
  readonly branch: string | null;
  /** Calendar days, `YYYY-MM-DD`. */
  readonly startDate: string | null;
  readonly dueDate: string | null;
  readonly progress: number;
  readonly status: CommitmentStatus;
  readonly overdue: boolean;
  /** GREEN, YELLOW or RED when the API gives the item a light. */
  readonly light: string | null;
  readonly lastProgress: { readonly text: string; readonly day: string } | null;
  /** 销项日期: the day it was completed. */
  readonly completedOn: string | null;
  /** 督办次数, when the API counts reminders. */
  readonly reminderCount: number | null;
  /** The kind's own fields, by name. */
  readonly own: Readonly<Record<string, unknown>>;
}

/** The item fields the ledger reads of each joint-list node (kind fields and optional ones added by `ledgerNodeSelection`). */
const baseSelection =
  '__typename id partnerId title description category status progress startDate dueDate completedAt branch { name } progressReports { text reportedAt }';

/**
 * The selection of a joint-list node for the ledger: the common fields, the latest progress,
 * each kind's own fields (`... on <Prefix>Commitment`), and `extra` fields the API may offer
 * (the light, the reminder count).
 */
export function ledgerNodeSelection(kinds: readonly LedgerKind[], extra: readonly string[] = []): string {
  const own = kinds
    .filter((kind) => kind.fields.length > 0)
    .map((kind) => `... on ${kind.typePrefix}Commitment { ${kind.fields.map((field) => field.name).join(' ')} }`);
  return [baseSelection, ...extra, ...own].join(' ');
}

/** A joint-list node as `ledgerNodeSelection` reads it. */
export interface LedgerNode {
  readonly __typename: string;
  readonly id: string;
  readonly partnerId: string;
  readonly title: string;
  readonly description?: string | null;
  readonly category: Category;
  readonly status: CommitmentStatus;
  readonly progress: number;
  readonly startDate?: string | null;
  readonly dueDate?: string | null;
  readonly completedAt?: string | null;
  readonly branch?: { readonly name: string } | null;
  /** Latest first, as the API orders them. */
  readonly progressReports?: readonly { readonly text: string; readonly reportedAt: string }[];
  readonly light?: string | null;
  readonly reminderCount?: number | null;
  readonly [ownField: string]: unknown;
}

/** Open items (published, not completed or withdrawn) whose due date is before `today`: the API's `overdue`. */
export function isOverdue(item: { status: string; dueDate?: string | null }, today: string): boolean {
  return Boolean(item.dueDate && item.dueDate < today && (item.status === 'PUBLISHED' || item.status === 'IN_PROGRESS'));
}

export interface RowContext {
  readonly allianceName: string;
  /** Partner id → name, as the alliance registers it. */
  readonly partnerNames: ReadonlyMap<string, string>;
  /** `<Prefix>Commitment` → its kind. */
  readonly kindsByType: ReadonlyMap<string, LedgerKind>;
  /** Today in the hub's zone, `YYYY-MM-DD`. */
  readonly today: string;
}

export function ledgerRowOf(node: LedgerNode, context: RowContext): LedgerRow {
  const kind = context.kindsByType.get(node.__typename) ?? null;
  const latest = node.progressReports?.[0];
  return {
    id: node.id,
    allianceName: context.allianceName,
    partnerName: context.partnerNames.get(node.partnerId) ?? node.partnerId,
    kind,
    title: node.title,
    description: node.description ?? null,
    category: node.category,
    branch: node.branch?.name ?? null,
    startDate: node.startDate ?? null,
    dueDate: node.dueDate ?? null,
    progress: node.progress,
    status: node.status,
    overdue: isOverdue(node, context.today),
    light: node.light ?? null,
    lastProgress: latest ? { text: latest.text, day: hubDay(latest.reportedAt) } : null,
    completedOn: node.completedAt ? hubDay(node.completedAt) : null,
    reminderCount: typeof node.reminderCount === 'number' ? node.reminderCount : null,
    own: kind ? Object.fromEntries(kind.fields.map((field) => [field.name, node[field.name]])) : {},
  };
}

/** How a column's cells are typed and formatted. */
export type ColumnType = 'text' | 'integer' | 'percent' | 'date';

export interface LedgerColumn {
  /** The header, as a 台账 has it. */
  readonly header: string;
  readonly type: ColumnType;
  /** Width in characters. */
  readonly width: number;
  value(row: LedgerRow, index: number): string | number | Date | null;
}

export interface ColumnOptions {
  /** One file for several alliances: a 联盟 column. */
  readonly allianceColumn: boolean;
  /** The kinds whose own fields get columns (one column per Chinese label; kinds sharing a label share it). */
  readonly kinds: readonly LedgerKind[];
  /** The API gives lights: a 红黄绿灯 column. */
  readonly light: boolean;
  /** The API counts reminders: a 督办次数 column. */
  readonly reminders: boolean;
}

/** The headers the summary's formulas and the import read by name. */
export const headers = {
  seq: '序号',
  alliance: '联盟',
  partner: '共建单位',
  kind: '单位类型',
  title: '事项名称',
  category: '类别',
  branch: '责任支部',
  startDate: '开始日期',
  dueDate: '完成时限',
  progress: '进展 %',
  status: '状态',
  overdue: '是否逾期',
  light: '红黄绿灯',
  lastProgress: '最近进展',
  lastProgressDay: '最近进展日期',
  completedOn: '销项日期',
  reminders: '督办次数',
  description: '事项说明',
  id: '事项编号',
} as const;

/** The columns of the 台账 sheet, in order. */
export function ledgerColumns(options: ColumnOptions): LedgerColumn[] {
  const columns: (LedgerColumn | null)[] = [
    { header: headers.seq, type: 'integer', width: 6, value: (_row, index) => index + 1 },
    options.allianceColumn ? { header: headers.alliance, type: 'text', width: 24, value: (row) => row.allianceName } : null,
    { header: headers.partner, type: 'text', width: 24, value: (row) => row.partnerName },
    { header: headers.kind, type: 'text', width: 12, value: (row) => row.kind?.label.zh ?? null },
    { header: headers.title, type: 'text', width: 36, value: (row) => row.title },
    { header: headers.category, type: 'text', width: 10, value: (row) => categoryLabels[row.category] ?? row.category },
    { header: headers.branch, type: 'text', width: 22, value: (row) => row.branch },
    { header: headers.startDate, type: 'date', width: 12, value: (row) => cellDate(row.startDate) },
    { header: headers.dueDate, type: 'date', width: 12, value: (row) => cellDate(row.dueDate) },
    { header: headers.progress, type: 'integer', width: 8, value: (row) => row.progress },
    { header: headers.status, type: 'text', width: 8, value: (row) => statusLabels[row.status] ?? row.status },
    { header: headers.overdue, type: 'text', width: 8, value: (row) => (row.overdue ? '是' : '否') },
    options.light
      ? { header: headers.light, type: 'text', width: 8, value: (row) => (row.light ? (lightLabels[row.light] ?? row.light) : null) }
      : null,
    { header: headers.lastProgress, type: 'text', width: 40, value: (row) => row.lastProgress?.text ?? null },
    { header: headers.lastProgressDay, type: 'date', width: 12, value: (row) => cellDate(row.lastProgress?.day) },
    { header: headers.completedOn, type: 'date', width: 12, value: (row) => cellDate(row.completedOn) },
    options.reminders ? { header: headers.reminders, type: 'integer', width: 8, value: (row) => row.reminderCount ?? 0 } : null,
    { header: headers.description, type: 'text', width: 40, value: (row) => row.description },
    ...ownFieldColumns(options.kinds),
    { header: headers.id, type: 'text', width: 38, value: (row) => row.id },
  ];
  return columns.filter((column): column is LedgerColumn => column !== null);
}

const commonHeaders = new Set<string>(Object.values(headers));

/** The header of a kind's own field: its Chinese label, with the kind's when a common column has that name. */
export function ownFieldHeader(kind: LedgerKind, field: LedgerKindField): string {
  return commonHeaders.has(field.label.zh) ? `${field.label.zh}（${kind.label.zh}）` : field.label.zh;
}

/** One column per distinct header of the kinds' own fields; a row fills those of its own kind. */
function ownFieldColumns(kinds: readonly LedgerKind[]): LedgerColumn[] {
  const byLabel = new Map<string, Map<string, LedgerKindField>>();
  for (const kind of kinds) {
    for (const field of kind.fields) {
      const header = ownFieldHeader(kind, field);
      const forLabel = byLabel.get(header) ?? new Map<string, LedgerKindField>();
      forLabel.set(kind.kind, field);
      byLabel.set(header, forLabel);
    }
  }
  return [...byLabel].map(([label, fieldOfKind]) => {
    const types = new Set([...fieldOfKind.values()].map((field) => field.type));
    return {
      header: label,
      type: types.size === 1 && types.has('COUNT') ? 'integer' : 'text',
      width: 16,
      value: (row: LedgerRow) => {
        const field = row.kind ? fieldOfKind.get(row.kind.kind) : undefined;
        return field ? ownFieldText(field, row.own[field.name]) : null;
      },
    } satisfies LedgerColumn;
  });
}
