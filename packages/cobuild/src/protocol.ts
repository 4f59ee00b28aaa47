import { z } from 'zod';
import { categories, helpAmount } from './rules.ts';

/**
 * What travels between the partner subgraphs and the alliance for 三张清单.
 *
 * Index events (partner → alliance, through each partner's outbox and `/ingest`, entity
 * `need` or `resource`): the fields matching needs against resources, never the description
 * or conditions, which stay in the partner's own subgraph and are read through the gateway.
 * A partner sends an event when an item is published, edited while published, or withdrawn;
 * drafts never leave it.
 *
 * Project assignments (alliance → partner, pulled by the partner): when a claim is accepted,
 * the alliance records one assignment per partner of the new project, each naming the id of
 * the draft commitment that partner is to create. The partner asks `/assignments` for its
 * kind's undelivered assignments, creates each draft (idempotently: the id is given), then
 * acknowledges them at `/assignments/ack`. Either side may be down meanwhile; nothing is lost.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const dateTime = z.string();
export const itemStatuses = ['DRAFT', 'PUBLISHED', 'WITHDRAWN'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

export const needIndexPayload = z.object({
  id: z.string().uuid(),
  allianceId: z.string().uuid(),
  partnerId: z.string().uuid(),
  title: z.string().max(200),
  category: z.enum(categories),
  tags: z.array(z.string().max(30)).max(10),
  place: z.string().max(100).nullable(),
  wantedBy: date.nullable(),
  help: z.array(helpAmount).max(5),
  status: z.enum(['PUBLISHED', 'WITHDRAWN']),
  publishedAt: dateTime.nullable(),
  updatedAt: dateTime,
});
export type NeedIndexPayload = z.infer<typeof needIndexPayload>;

export const resourceIndexPayload = z.object({
  id: z.string().uuid(),
  allianceId: z.string().uuid(),
  partnerId: z.string().uuid(),
  title: z.string().max(200),
  category: z.enum(categories),
  tags: z.array(z.string().max(30)).max(10),
  place: z.string().max(100).nullable(),
  availableFrom: date.nullable(),
  availableUntil: date.nullable(),
  offers: z.array(helpAmount).max(5),
  status: z.enum(['PUBLISHED', 'WITHDRAWN']),
  publishedAt: dateTime.nullable(),
  updatedAt: dateTime,
});
export type ResourceIndexPayload = z.infer<typeof resourceIndexPayload>;

/** Which side of a project a partner is on. */
export const projectRoles = ['NEEDING', 'GIVING'] as const;
export type ProjectRole = (typeof projectRoles)[number];

/** One draft commitment a partner is to create for a joint project (项目清单). */
export const projectAssignment = z.object({
  /** The assignment's own id (what `/assignments/ack` acknowledges). */
  id: z.string().uuid(),
  projectId: z.string().uuid(),
  allianceId: z.string().uuid(),
  partnerId: z.string().uuid(),
  role: z.enum(projectRoles),
  /** The id the draft commitment is created with (so a repeated delivery creates nothing new). */
  commitmentId: z.string().uuid(),
  title: z.string().max(200),
  description: z.string().max(4000).nullable(),
  category: z.enum(categories),
  dueDate: date.nullable(),
});
export type ProjectAssignment = z.infer<typeof projectAssignment>;

/** The alliance's answer at `/assignments` (POST `{}` as `relay:<subgraph>`): at most 100, oldest first. */
export const assignmentsAnswer = z.object({ assignments: z.array(projectAssignment).max(100) });
/** The body of `/assignments/ack`: the ids of the assignments whose drafts now exist. */
export const assignmentsAck = z.object({ ids: z.array(z.string().uuid()).max(100) });

export const assignmentRoutes = { pending: '/assignments', ack: '/assignments/ack' } as const;
