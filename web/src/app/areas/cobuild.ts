/** 三张清单's pages (the alliance's lists, a need, a project, 我的需求 / 我的资源): one chunk, loaded on the first visit to one. */
export { ClaimHallTab } from '../../cobuild/ClaimHallTab.tsx';
export { CobuildIndex, CobuildLayout } from '../../cobuild/CobuildLayout.tsx';
export { MyItemPage } from '../../cobuild/MyItemPage.tsx';
export { MyItemsPage } from '../../cobuild/MyItemsPage.tsx';
export { NeedPage } from '../../cobuild/NeedPage.tsx';
export { NeedsTab } from '../../cobuild/NeedsTab.tsx';
export { NewItemPage } from '../../cobuild/NewItemPage.tsx';
export { ProjectPage } from '../../cobuild/ProjectPage.tsx';
export { ProjectsTab } from '../../cobuild/ProjectsTab.tsx';
export { ResourcesTab } from '../../cobuild/ResourcesTab.tsx';
