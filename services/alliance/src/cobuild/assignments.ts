import { assignmentsAck, assignmentsAnswer } from '@hub/cobuild';
import { backgroundFork, errorBody, executeInBackground, type Route } from '@hub/subgraph-kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { kindOfRelay } from '../kinds.ts';

/**
 * The project-assignment routes (protocol: @hub/cobuild `protocol.ts`). A partner subgraph,
 * signed as its kind's relay, pulls the assignments of its kind's partners not yet acknowledged
 * (`/assignments`), creates each draft commitment with the id it names, and acknowledges them
 * (`/assignments/ack`). Delivery is at least once; the partner creates each draft once by its id.
 */

/** Most assignments one answer carries (the protocol's limit). */
const batch = 100;

const forbidden = { status: 403, body: errorBody('FORBIDDEN', 'Only partner subgraphs (their relays) may ask for assignments') };

/** `POST /assignments` (`{}`): the caller's kind's undelivered assignments, oldest first, at most 100. */
export function createAssignmentsRoute(orm: MikroORM): Route {
  return async ({ body, identity }) => {
    const kind = kindOfRelay(identity?.caller);
    if (!kind) {
      return forbidden;
    }
    if (!z.object({}).safeParse(body ?? {}).success) {
      return { status: 400, body: errorBody('BAD_USER_INPUT', 'Give {}') };
    }
    const rows = await executeInBackground<Record<string, unknown>[]>(
      backgroundFork(orm),
      `select id, project_id as "projectId", alliance_id as "allianceId", partner_id as "partnerId", role,
         commitment_id as "commitmentId", title, description, category, to_char(due_date, 'YYYY-MM-DD') as "dueDate"
       from project_assignment where kind = ? and delivered_at is null order by created_at, id limit ?`,
      [kind, batch],
    );
    // The answer is checked against the protocol, so a partner never receives what it would refuse.
    return { status: 200, body: assignmentsAnswer.parse({ assignments: rows }) };
  };
}

/** `POST /assignments/ack` (`{ ids }`): marks the caller's kind's assignments delivered; others' ids are ignored. */
export function createAssignmentsAckRoute(orm: MikroORM): Route {
  return async ({ body, identity }) => {
    const kind = kindOfRelay(identity?.caller);
    if (!kind) {
      return forbidden;
    }
    const parsed = assignmentsAck.safeParse(body);
    if (!parsed.success) {
      return { status: 400, body: errorBody('BAD_USER_INPUT', 'Give { ids: [assignment id, …] } (at most 100)') };
    }
    const acknowledged = await executeInBackground<{ id: string }[]>(
      backgroundFork(orm),
      `update project_assignment set delivered_at = now()
       where kind = ? and delivered_at is null and id in (select value::uuid from json_array_elements_text(?::json)) returning id`,
      [kind, JSON.stringify(parsed.data.ids)],
    );
    return { status: 200, body: { acknowledged: acknowledged.length } };
  };
}
