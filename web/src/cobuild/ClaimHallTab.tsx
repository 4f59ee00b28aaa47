import { useI18n } from '../i18n/I18nProvider.tsx';
import { ClaimHallDaysForm } from './ClaimHallDaysForm.tsx';
import { useCobuildScope } from './CobuildLayout.tsx';
import { byStage, NeedTable } from './NeedsTab.tsx';

/** 领办大厅: published needs nobody has claimed for the alliance's claimHallDays; the coordinator sets those days. */
export function ClaimHallTab() {
  const { t } = useI18n();
  const { alliance, lists, coordinator } = useCobuildScope();
  const hall = lists.needs.filter((need) => need.inClaimHall);
  return (
    <>
      <p className="cobuild__count" data-testid="claim-hall-count">
        {t('cobuild.hall.lead', { count: hall.length, days: lists.claimHallDays })}
      </p>
      <NeedTable needs={byStage(hall)} testId="claim-hall" />
      {coordinator ? <ClaimHallDaysForm allianceId={alliance.id} days={lists.claimHallDays} /> : null}
    </>
  );
}
