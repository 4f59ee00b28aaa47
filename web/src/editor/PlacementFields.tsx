import { categories } from '../app/vocabulary.ts';
import type { Category } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Field } from '../ui/Field.tsx';

interface PlacementFieldsProps {
  readonly labels: { readonly allianceId?: string; readonly category?: string };
  readonly errors: { readonly allianceId?: string; readonly category?: string };
  readonly alliances: readonly { id: string; name: string }[];
  readonly allianceId: string;
  readonly category: Category | '';
  /** Editing keeps the item in its alliance. */
  readonly allianceLocked?: boolean;
  onAlliance(allianceId: string): void;
  onCategory(category: Category | ''): void;
}

/**
 * Where an item belongs: its alliance and its co-building measure (六联), the first two fields of
 * every editor form (commitments, needs, resources).
 */
export function PlacementFields({
  labels,
  errors,
  alliances,
  allianceId,
  category,
  allianceLocked,
  onAlliance,
  onCategory,
}: PlacementFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <Field label={labels.allianceId ?? ''} error={errors.allianceId} required>
        {(control) => (
          <select
            {...control}
            name="allianceId"
            value={allianceId}
            disabled={allianceLocked}
            onChange={(event) => onAlliance(event.target.value)}
          >
            <option value="">{t('form.choose')}</option>
            {alliances.map((alliance) => (
              <option key={alliance.id} value={alliance.id}>
                {alliance.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={labels.category ?? ''} error={errors.category} required>
        {(control) => (
          <select {...control} name="category" value={category} onChange={(event) => onCategory(event.target.value as Category | '')}>
            <option value="">{t('form.choose')}</option>
            {categories.map((value) => (
              <option key={value} value={value}>
                {t(`category.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
