import { placeOf } from '../app/commitment-place.ts';
import type { MyCommitmentFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** The commitment's fields as a description list, its kind's own fields included. */
export function CommitmentFacts({ commitment, allianceName }: { commitment: MyCommitmentFragment; allianceName: string }) {
  const { t, format } = useI18n();
  const facts: [string, string][] = [
    [t('commitment.field.allianceId'), allianceName],
    [t('commitment.field.category'), t(`category.${commitment.category}`)],
    [t('commitment.field.startDate'), format.date(commitment.startDate)],
    [t('commitment.field.dueDate'), format.date(commitment.dueDate)],
    [t('commitment.field.branchId'), commitment.branch?.name ?? '—'],
    [t('commitment.place'), placeOf(commitment) ?? '—'],
    [t('commitment.publishedAt'), format.dateTime(commitment.publishedAt)],
    [t('commitment.version'), String(commitment.version)],
  ];
  if (commitment.__typename === 'EnterpriseCommitment') {
    facts.push([t('commitment.field.pioneerPosts'), format.number(commitment.pioneerPosts)]);
    facts.push([t('commitment.field.responsibilityZones'), commitment.responsibilityZones.join('、') || '—']);
  }
  if (commitment.__typename === 'TownVillageCommitment') {
    facts.push([
      t('commitment.field.householdsServed'),
      commitment.householdsServed === null ? '—' : format.number(commitment.householdsServed),
    ]);
    facts.push([t('commitment.field.landAcquisitionTasks'), commitment.landAcquisitionTasks.join('、') || '—']);
  }
  if (commitment.__typename === 'UniversityCommitment') {
    facts.push([t('commitment.field.researchTopic'), commitment.researchTopic ?? '—']);
  }
  if (commitment.__typename === 'TrafficPoliceCommitment') {
    facts.push([t('commitment.field.guarantees'), commitment.guarantees.map((value) => t(`guarantee.${value}`)).join('、') || '—']);
    facts.push([t('commitment.field.jointActions'), commitment.jointActions.map((value) => t(`jointAction.${value}`)).join('、') || '—']);
  }
  if (commitment.withdrawReason) {
    facts.push([t('withdraw.reason'), commitment.withdrawReason]);
  }
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <div key={label} className="facts__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
