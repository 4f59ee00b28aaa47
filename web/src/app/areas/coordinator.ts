/** The coordinator's pages (党建联盟 and their tabs, 督办回复, 工作简报): one chunk, loaded on the first visit to one. */
export { AgreementTab } from '../../coordinator/AgreementTab.tsx';
export { AllianceLayout } from '../../coordinator/AllianceLayout.tsx';
export { AlliancesPage } from '../../coordinator/AlliancesPage.tsx';
export { ItemPage } from '../../coordinator/ItemPage.tsx';
export { MeetingsTab } from '../../coordinator/MeetingsTab.tsx';
export { PartnersTab } from '../../coordinator/PartnersTab.tsx';
export { TrackingTab } from '../../coordinator/TrackingTab.tsx';
export { ReportPage } from '../../ledger/ReportPage.tsx';
export { ReviewPage } from '../../reminders/ReviewPage.tsx';
