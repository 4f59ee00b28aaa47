import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { SignInPage } from '../auth/SignInPage.tsx';
import { Loading } from '../ui/Loading.tsx';
import { AppShell } from './AppShell.tsx';
import { DefaultWall } from './DefaultWall.tsx';
import {
  ActivityPage,
  AgreementTab,
  AllianceLayout,
  AlliancesPage,
  ClaimHallTab,
  CobuildIndex,
  CobuildLayout,
  CommitmentPage,
  DashboardPage,
  EditorLayout,
  ImportPage,
  InboxPage,
  ItemPage,
  MeetingsTab,
  MyActivitiesPage,
  MyCommitmentsPage,
  MyItemPage,
  MyItemsPage,
  NeedPage,
  NeedsTab,
  NewActivityPage,
  NewCommitmentPage,
  NewItemPage,
  PartnersTab,
  ProjectPage,
  ProjectsTab,
  ReportPage,
  ResourcesTab,
  ReviewPage,
  TrackingTab,
} from './lazy-pages.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

/**
 * The app's pages: the wall at `/`, sign-in, the partner editor's and the coordinator's pages.
 * Only the frame, sign-in and the redirect to the wall are in the first chunk; the wall, the
 * editor's, the coordinator's and 三张清单's pages each load with their area (lazy-pages.ts).
 */
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
