import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { AllianceOverviewDocument, CreateAllianceDocument } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { LedgerFileActions } from '../ledger/LedgerFileActions.tsx';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { AllianceForm } from './AllianceForm.tsx';
import { CoordinatorNotice } from './CoordinatorNotice.tsx';

const overviewContext = { additionalTypenames: ['Alliance'] };

/** 党建联盟: every alliance with its headline figures; the coordinator creates new ones here. */
export function AlliancesPage() {
  const { t, format } = useI18n();
  const [overview] = useQuery({ query: AllianceOverviewDocument, context: overviewContext });
  const [creation, create] = useMutation(CreateAllianceDocument);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1>{t('alliances.title')}</h1>
          <p className="page__lead">{t('alliances.lead')}</p>
        </div>
      </header>
      <CoordinatorNotice />
      <LedgerFileActions allianceId="all" />
      <ApiErrorNotice error={overview.error} />
      {overview.fetching && !overview.data ? <Loading /> : null}
      <ul className="cards">
        {(overview.data?.alliances ?? []).map((alliance) => (
          <li key={alliance.id} className="card" data-alliance-id={alliance.id}>
            <h2 className="card__title">
              <Link to={`/alliances/${alliance.id}`}>{alliance.name}</Link>
            </h2>
            <p className="card__sub">{t('wall.coordinator', { name: alliance.coordinatorName })}</p>
            {alliance.description ? <p className="card__text">{alliance.description}</p> : null}
            <dl className="card__figures">
              <div>
                <dt>{t('alliances.members')}</dt>
                <dd>{format.number(alliance.members.length)}</dd>
              </div>
              <div>
                <dt>{t('wall.kpi.total')}</dt>
                <dd>{format.number(alliance.stats.overall.total)}</dd>
              </div>
              <div>
                <dt>{t('wall.kpi.completionRate')}</dt>
                <dd>{format.percent(alliance.stats.overall.completionRate)}</dd>
              </div>
              <div className={alliance.stats.overall.overdue > 0 ? 'is-alert' : undefined}>
                <dt>{t('wall.kpi.overdue')}</dt>
                <dd>{format.number(alliance.stats.overall.overdue)}</dd>
              </div>
            </dl>
            <p className="card__links">
              <Link to={`/alliances/${alliance.id}`}>{t('alliances.manage')}</Link>
              <Link to={`/alliances/${alliance.id}/tracking`}>{t('alliance.tab.tracking')}</Link>
              <Link to={`/wall/${alliance.id}`}>{t('nav.wall')}</Link>
              <span className="card__meta">
                {alliance.agreement
                  ? t('alliances.agreementSigned', { date: format.date(alliance.agreement.signedOn) })
                  : t('alliances.noAgreement')}
              </span>
            </p>
          </li>
        ))}
      </ul>
      {created ? <Notice tone="success">{t('alliances.created', { name: created })}</Notice> : null}
      <AllianceForm
        busy={creation.fetching}
        error={creation.error}
        onSubmit={async (input) => {
          setCreated(null);
          const result = await create({ input });
          if (result.data) {
            setCreated(result.data.createAlliance.name);
          }
          return Boolean(result.data);
        }}
      />
    </section>
  );
}
