import { loaderByGroup, loaderById } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import {
  Claim,
  type ClaimRow,
  CobuildChange,
  type CobuildChangeRow,
  Project,
  ProjectAssignment,
  type ProjectAssignmentRow,
  type ProjectRow,
} from './entities.ts';
import { matchesLoader } from './matching.ts';
import { type NeedView, needsById, type ResourceView, resourcesById } from './needs.ts';

function byId<Row extends { id: string }>(load: (ids: readonly string[]) => Promise<Row[]>): DataLoader<string, Row | null> {
  return new DataLoader(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/** A request's loaders of 三张清单: one statement per batch, whatever the list. */
export function createCobuildLoaders(em: EntityManager) {
  return {
    need: byId<NeedView>((ids) => needsById(em, ids)),
    resource: byId<ResourceView>((ids) => resourcesById(em, ids)),
    matches: matchesLoader(em),
    claim: loaderById<ClaimRow>(em, Claim),
    claimsOfNeed: loaderByGroup<ClaimRow>(em, Claim, 'needId', { createdAt: 'asc', id: 'asc' }),
    project: loaderById<ProjectRow>(em, Project),
    projectsOfNeed: loaderByGroup<ProjectRow>(em, Project, 'needId'),
    projectsOfResource: loaderByGroup<ProjectRow>(em, Project, 'resourceId', { createdAt: 'desc', id: 'asc' }),
    // NEEDING sorts after GIVING: descending puts the needing partner's commitment first.
    assignmentsOfProject: loaderByGroup<ProjectAssignmentRow>(em, ProjectAssignment, 'projectId', { role: 'desc' }),
    cobuildChange: loaderById<CobuildChangeRow>(em, CobuildChange),
    /** A project's history: its claim's steps (claimed, accepted) and its own, oldest first. */
    historyOfProject: new DataLoader<string, CobuildChangeRow[]>(async (ids) => {
      const rows = await em.execute<(Record<string, unknown> & { of_project: string })[]>(
        `select p.id as of_project, c.* from project p join cobuild_change c on c.project_id = p.id or c.claim_id = p.claim_id
         where p.id in (select value::uuid from json_array_elements_text(?::json)) order by c.at, c.id`,
        [JSON.stringify(ids)],
      );
      // Rows as MikroORM maps them (timestamps as dates), like the other loaders'.
      const meta = em.getMetadata().get(CobuildChange);
      const groups = new Map<string, CobuildChangeRow[]>(ids.map((id) => [id, []]));
      for (const { of_project, ...row } of rows) {
        groups.get(of_project)?.push(em.getDriver().mapResult(row as never, meta) as CobuildChangeRow);
      }
      return ids.map((id) => groups.get(id) ?? []);
    }),
  };
}
