import type { CommitmentStatus } from '../generated/graphql.ts';

/** Statuses of items still to be done (发布后未销项). */
const openStatuses: readonly CommitmentStatus[] = ['PUBLISHED', 'IN_PROGRESS'];

export function isOpen(status: CommitmentStatus): boolean {
  return openStatuses.includes(status);
}

/** An open item whose due date has passed (`today` as YYYY-MM-DD): the server's rule for `overdue`. */
export function isOverdue(item: { status: CommitmentStatus; dueDate?: string | null }, today: string): boolean {
  return Boolean(item.dueDate && item.dueDate < today && (isOpen(item.status) || item.status === 'DRAFT'));
}
