import type { MyCommitmentFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ownValue, shownValue } from '../kinds/kind-values.ts';
import { type PartnerKind, textOf } from '../kinds/partner-kinds.ts';

interface CommitmentFactsProps {
  readonly commitment: MyCommitmentFragment;
  /** Its kind: its own fields are listed with their labels, as the kind defines them. */
  readonly kind: PartnerKind;
  readonly allianceName: string;
}

/** The commitment's fields as a description list, its kind's own fields included. */
export function CommitmentFacts({ commitment, kind, allianceName }: CommitmentFactsProps) {
  const { t, format, lang } = useI18n();
  const facts: [string, string][] = [
    [t('commitment.field.allianceId'), allianceName],
    [t('commitment.field.category'), t(`category.${commitment.category}`)],
    [t('commitment.field.startDate'), format.date(commitment.startDate)],
    [t('commitment.field.dueDate'), format.date(commitment.dueDate)],
    [t('commitment.field.branchId'), commitment.branch?.name ?? '—'],
    ...kind.fields.map((field): [string, string] => [
      textOf(field.label, lang),
      shownValue(field, ownValue(commitment, field.name), lang, format),
    ]),
    [t('commitment.publishedAt'), format.dateTime(commitment.publishedAt)],
    [t('commitment.version'), String(commitment.version)],
  ];
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
