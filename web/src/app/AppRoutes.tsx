import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { SignInPage } from '../auth/SignInPage.tsx';
import { ClaimHallTab } from '../cobuild/ClaimHallTab.tsx';
import { CobuildIndex, CobuildLayout } from '../cobuild/CobuildLayout.tsx';
import { MyItemPage } from '../cobuild/MyItemPage.tsx';
import { MyItemsPage } from '../cobuild/MyItemsPage.tsx';
import { NeedPage } from '../cobuild/NeedPage.tsx';
import { NeedsTab } from '../cobuild/NeedsTab.tsx';
import { NewItemPage } from '../cobuild/NewItemPage.tsx';
import { ProjectPage } from '../cobuild/ProjectPage.tsx';
import { ProjectsTab } from '../cobuild/ProjectsTab.tsx';
import { ResourcesTab } from '../cobuild/ResourcesTab.tsx';
import { AgreementTab } from '../coordinator/AgreementTab.tsx';
import { AllianceLayout } from '../coordinator/AllianceLayout.tsx';
import { AlliancesPage } from '../coordinator/AlliancesPage.tsx';
import { ItemPage } from '../coordinator/ItemPage.tsx';
import { MeetingsTab } from '../coordinator/MeetingsTab.tsx';
import { PartnersTab } from '../coordinator/PartnersTab.tsx';
import { TrackingTab } from '../coordinator/TrackingTab.tsx';
import { ActivityPage } from '../editor/ActivityPage.tsx';
import { CommitmentPage } from '../editor/CommitmentPage.tsx';
import { EditorLayout } from '../editor/EditorLayout.tsx';
import { MyActivitiesPage } from '../editor/MyActivitiesPage.tsx';
import { MyCommitmentsPage } from '../editor/MyCommitmentsPage.tsx';
import { NewActivityPage } from '../editor/NewActivityPage.tsx';
import { NewCommitmentPage } from '../editor/NewCommitmentPage.tsx';
import { ImportPage } from '../ledger/ImportPage.tsx';
import { ReportPage } from '../ledger/ReportPage.tsx';
import { InboxPage } from '../reminders/InboxPage.tsx';
import { ReviewPage } from '../reminders/ReviewPage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { AppShell } from './AppShell.tsx';
import { DefaultWall } from './DefaultWall.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** The wall carries ECharts; it loads on its own so the working pages stay light. */
const DashboardPage = lazy(() => import('../dashboard/DashboardPage.tsx').then((module) => ({ default: module.DashboardPage })));

/** The app's pages: the wall at `/`, sign-in, the partner editor's and the coordinator's pages. */
export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route index element={<DefaultWall />} />
        <Route path="wall/:allianceId" element={<DashboardPage />} />
        <Route element={<AppShell />}>
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="my" element={<EditorLayout />}>
            <Route path="commitments" element={<MyCommitmentsPage />} />
            <Route path="commitments/new" element={<NewCommitmentPage />} />
            <Route path="commitments/:commitmentId" element={<CommitmentPage />} />
            <Route path="activities" element={<MyActivitiesPage />} />
            <Route path="activities/new" element={<NewActivityPage />} />
            <Route path="activities/:activityId" element={<ActivityPage />} />
            <Route path="needs" element={<MyItemsPage entity="need" />} />
            <Route path="needs/new" element={<NewItemPage entity="need" />} />
            <Route path="needs/:itemId" element={<MyItemPage entity="need" />} />
            <Route path="resources" element={<MyItemsPage entity="resource" />} />
            <Route path="resources/new" element={<NewItemPage entity="resource" />} />
            <Route path="resources/:itemId" element={<MyItemPage entity="resource" />} />
            <Route path="import" element={<ImportPage />} />
            <Route path="reminders" element={<InboxPage />} />
          </Route>
          <Route path="reminders" element={<ReviewPage />} />
          <Route path="alliances" element={<AlliancesPage />} />
          <Route path="report" element={<ReportPage />} />
          <Route path="alliances/:allianceId" element={<AllianceLayout />}>
            <Route index element={<PartnersTab />} />
            <Route path="agreement" element={<AgreementTab />} />
            <Route path="meetings" element={<MeetingsTab />} />
            <Route path="tracking" element={<TrackingTab />} />
            <Route path="items/:commitmentId" element={<ItemPage />} />
          </Route>
          <Route path="cobuild" element={<CobuildIndex />} />
          <Route path="cobuild/:allianceId" element={<CobuildLayout />}>
            <Route index element={<NeedsTab />} />
            <Route path="resources" element={<ResourcesTab />} />
            <Route path="projects" element={<ProjectsTab />} />
            <Route path="hall" element={<ClaimHallTab />} />
            <Route path="needs/:needId" element={<NeedPage />} />
            <Route path="projects/:projectId" element={<ProjectPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
