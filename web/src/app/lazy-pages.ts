import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

const reloadedKey = 'hub.reloadedForNewBuild';

/**
 * Loads an area's chunk. When that fails — typically a tab opened before a new build was
 * deployed asks for a chunk name that no longer exists — the page is reloaded once to get the
 * new build's names; a second failure in a row is thrown (the network is down, not the build).
 */
async function loadArea<M>(load: () => Promise<M>): Promise<M> {
  try {
    const module = await load();
    sessionStorage.removeItem(reloadedKey);
    return module;
  } catch (error) {
    if (sessionStorage.getItem(reloadedKey)) {
      throw error;
    }
    sessionStorage.setItem(reloadedKey, '1');
    window.location.reload();
    return new Promise<M>(() => {});
  }
}

/** A page of an area loaded on demand: every page of one area shares the area's chunk. */
export function lazyPage<M extends Record<K, ComponentType<any>>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(() => loadArea(load).then((module) => ({ default: module[name] })));
}

const editor = () => import('./areas/editor.ts');
const coordinator = () => import('./areas/coordinator.ts');
const cobuild = () => import('./areas/cobuild.ts');

/** The wall carries ECharts; it loads on its own so the working pages stay light. */
export const DashboardPage = lazyPage(() => import('../dashboard/DashboardPage.tsx'), 'DashboardPage');

export const EditorLayout = lazyPage(editor, 'EditorLayout');
export const MyCommitmentsPage = lazyPage(editor, 'MyCommitmentsPage');
export const NewCommitmentPage = lazyPage(editor, 'NewCommitmentPage');
export const CommitmentPage = lazyPage(editor, 'CommitmentPage');
export const MyActivitiesPage = lazyPage(editor, 'MyActivitiesPage');
export const NewActivityPage = lazyPage(editor, 'NewActivityPage');
export const ActivityPage = lazyPage(editor, 'ActivityPage');
export const ImportPage = lazyPage(editor, 'ImportPage');
export const InboxPage = lazyPage(editor, 'InboxPage');

export const AlliancesPage = lazyPage(coordinator, 'AlliancesPage');
export const AllianceLayout = lazyPage(coordinator, 'AllianceLayout');
export const PartnersTab = lazyPage(coordinator, 'PartnersTab');
export const AgreementTab = lazyPage(coordinator, 'AgreementTab');
export const MeetingsTab = lazyPage(coordinator, 'MeetingsTab');
export const TrackingTab = lazyPage(coordinator, 'TrackingTab');
export const ItemPage = lazyPage(coordinator, 'ItemPage');
export const ReportPage = lazyPage(coordinator, 'ReportPage');
export const ReviewPage = lazyPage(coordinator, 'ReviewPage');

export const CobuildIndex = lazyPage(cobuild, 'CobuildIndex');
export const CobuildLayout = lazyPage(cobuild, 'CobuildLayout');
export const NeedsTab = lazyPage(cobuild, 'NeedsTab');
export const ResourcesTab = lazyPage(cobuild, 'ResourcesTab');
export const ProjectsTab = lazyPage(cobuild, 'ProjectsTab');
export const ClaimHallTab = lazyPage(cobuild, 'ClaimHallTab');
export const NeedPage = lazyPage(cobuild, 'NeedPage');
export const ProjectPage = lazyPage(cobuild, 'ProjectPage');
export const MyItemsPage = lazyPage(cobuild, 'MyItemsPage');
export const NewItemPage = lazyPage(cobuild, 'NewItemPage');
export const MyItemPage = lazyPage(cobuild, 'MyItemPage');
