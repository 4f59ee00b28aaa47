import { Link, NavLink, Outlet, useOutletContext, useParams } from 'react-router';
import { useQuery } from 'urql';
import { AllianceAdminDocument, type AllianceAdminQuery } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { CoordinatorNotice } from './CoordinatorNotice.tsx';

export type AdminAlliance = NonNullable<AllianceAdminQuery['alliance']>;

/** The alliance the coordinator's tabs work on. */
export function useAdminAlliance(): AdminAlliance {
  return useOutletContext<AdminAlliance>();
}

/** One alliance for the coordinator: its partners, agreement, joint meetings and the tracking view, as tabs. */
export function AllianceLayout() {
  const { t } = useI18n();
  const { allianceId = '' } = useParams();
  const [result] = useQuery({ query: AllianceAdminDocument, variables: { id: allianceId } });
  const alliance = result.data?.alliance;
  const tab = (to: string, label: string, end = false) => (
    <NavLink to={to} end={end} className="tabs__tab">
      {label}
    </NavLink>
  );
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/alliances">{t('alliances.title')}</Link>
      </p>
      <header className="page__header">
        <div>
          <h1>{alliance?.name ?? t('common.loading')}</h1>
          {alliance ? <p className="page__lead">{t('wall.coordinator', { name: alliance.coordinatorName })}</p> : null}
        </div>
        <Link className="button" to={`/wall/${allianceId}`}>
          {t('nav.wall')}
        </Link>
      </header>
      <CoordinatorNotice />
      <nav className="tabs" aria-label={t('alliance.tabs')}>
        {tab(`/alliances/${allianceId}`, t('alliance.tab.partners'), true)}
        {tab(`/alliances/${allianceId}/agreement`, t('alliance.tab.agreement'))}
        {tab(`/alliances/${allianceId}/meetings`, t('alliance.tab.meetings'))}
        {tab(`/alliances/${allianceId}/tracking`, t('alliance.tab.tracking'))}
      </nav>
      <ApiErrorNotice error={result.error} />
      {alliance ? <Outlet context={alliance} /> : null}
      {!alliance && result.fetching ? <Loading /> : null}
      {result.data && !alliance ? <Notice tone="warning">{t('wall.missing')}</Notice> : null}
    </section>
  );
}
