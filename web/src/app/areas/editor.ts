/** The partner editor's pages (我的承诺事项, 我的联建活动, 导入, 督办事项): one chunk, loaded on the first visit to one. */
export { ActivityPage } from '../../editor/ActivityPage.tsx';
export { CommitmentPage } from '../../editor/CommitmentPage.tsx';
export { EditorLayout } from '../../editor/EditorLayout.tsx';
export { MyActivitiesPage } from '../../editor/MyActivitiesPage.tsx';
export { MyCommitmentsPage } from '../../editor/MyCommitmentsPage.tsx';
export { NewActivityPage } from '../../editor/NewActivityPage.tsx';
export { NewCommitmentPage } from '../../editor/NewCommitmentPage.tsx';
export { ImportPage } from '../../ledger/ImportPage.tsx';
export { InboxPage } from '../../reminders/InboxPage.tsx';
