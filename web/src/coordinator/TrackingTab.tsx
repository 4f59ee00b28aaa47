import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { KindsPending } from '../kinds/KindsPending.tsx';
import { usePartnerKinds } from '../kinds/PartnerKindsProvider.tsx';
import type { PartnerKinds } from '../kinds/partner-kinds.ts';
import { LedgerFileActions } from '../ledger/LedgerFileActions.tsx';
import { useAdminAlliance } from './AllianceLayout.tsx';
import { LedgerTools } from './LedgerTools.tsx';
import { TrackingFilters } from './TrackingFilters.tsx';
import { TrackingPage } from './TrackingPage.tsx';
import { apiFilter, filterFromParams, paramsFromFilter } from './tracking-filter.ts';

function TrackingView({ kinds }: { kinds: PartnerKinds }) {
  const { t } = useI18n();
  const alliance = useAdminAlliance();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(
    params,
    kinds.list.map((kind) => kind.kind),
  );
  const filterKey = paramsFromFilter(filter).toString();
  // The pages loaded so far, by the cursor each starts after; a new filter starts again.
  const [pages, setPages] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = pages.key === filterKey ? pages.cursors : [null];
  const staleDays = filter.staleDays ? Number(filter.staleDays) : 30;
  return (
    <>
      <LedgerTools alliance={alliance} partnerId={filter.partnerId} />
      <LedgerFileActions allianceId={alliance.id} filter={paramsFromFilter(filter)} />
      <TrackingFilters
        filter={filter}
        partners={alliance.members}
        kinds={kinds.list}
        onChange={(next) => setParams(paramsFromFilter(next), { replace: true })}
      />
      <div className="tracking" aria-live="polite">
        {cursors.map((after, index) => (
          <TrackingPage
            key={`${filterKey}:${after ?? 'first'}`}
            allianceId={alliance.id}
            kinds={kinds}
            filter={apiFilter(filter)}
            order={filter.order}
            staleDays={staleDays}
            after={after}
            first={index === 0}
            last={index === cursors.length - 1}
            partnerName={(partnerId) => alliance.members.find((member) => member.partnerId === partnerId)?.name ?? partnerId}
            onMore={(cursor) => setPages({ key: filterKey, cursors: [...cursors, cursor] })}
          />
        ))}
      </div>
      <p className="field__hint">{t('tracking.hint')}</p>
    </>
  );
}

/** 清单跟踪: the joint list filtered by status, category, partner, kind, overdue and stale items, page by page. */
export function TrackingTab() {
  const state = usePartnerKinds();
  return state.kinds ? <TrackingView kinds={state.kinds} /> : <KindsPending state={state} />;
}
