import { categories, listStatuses } from '../app/vocabulary.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { type PartnerKind, textOf } from '../kinds/partner-kinds.ts';
import { lights, type TrackingFilter } from './tracking-filter.ts';

interface TrackingFiltersProps {
  readonly filter: TrackingFilter;
  readonly partners: readonly { partnerId: string; name: string }[];
  /** The partner kinds to filter by, as the API defines them. */
  readonly kinds: readonly PartnerKind[];
  onChange(filter: TrackingFilter): void;
}

/** The tracking view's filters: traffic light, status, category, partner kind, partner, overdue, stale, order. */
export function TrackingFilters({ filter, partners, kinds, onChange }: TrackingFiltersProps) {
  const { t, lang } = useI18n();
  const kindLabels = new Map(kinds.map((kind) => [kind.kind, textOf(kind.label, lang)]));
  const chips = <K extends 'status' | 'category' | 'kind' | 'light'>(
    field: K,
    options: readonly TrackingFilter[K][number][],
    label: (value: TrackingFilter[K][number]) => string,
  ) => (
    <fieldset className="chips">
      <legend>{t(`tracking.filter.${field}`)}</legend>
      {options.map((option) => {
        const values = filter[field] as string[];
        const on = values.includes(option);
        return (
          <button
            key={option}
            type="button"
            className="chip"
            aria-pressed={on}
            onClick={() => onChange({ ...filter, [field]: on ? values.filter((value) => value !== option) : [...values, option] })}
          >
            {label(option)}
          </button>
        );
      })}
    </fieldset>
  );
  return (
    <search className="filters" aria-label={t('tracking.filters')}>
      {chips('light', lights, (value) => t(`light.${value}`))}
      {chips('status', listStatuses, (value) => t(`status.${value}`))}
      {chips('category', categories, (value) => t(`category.${value}`))}
      {chips(
        'kind',
        kinds.map((kind) => kind.kind),
        (value) => kindLabels.get(value) ?? value,
      )}
      <div className="filters__row">
        <label className="filters__control">
          <span>{t('tracking.filter.partner')}</span>
          <select value={filter.partnerId} onChange={(event) => onChange({ ...filter, partnerId: event.target.value })}>
            <option value="">{t('tracking.allPartners')}</option>
            {partners.map((partner) => (
              <option key={partner.partnerId} value={partner.partnerId}>
                {partner.name}
              </option>
            ))}
          </select>
        </label>
        <label className="filters__control filters__control--check">
          <input type="checkbox" checked={filter.overdue} onChange={(event) => onChange({ ...filter, overdue: event.target.checked })} />
          <span>{t('tracking.filter.overdue')}</span>
        </label>
        <label className="filters__control">
          <span>{t('tracking.filter.stale')}</span>
          <input
            type="number"
            min={1}
            max={3650}
            inputMode="numeric"
            placeholder={t('tracking.staleAny')}
            value={filter.staleDays}
            onChange={(event) => onChange({ ...filter, staleDays: event.target.value.replace(/\D/g, '').slice(0, 4) })}
          />
        </label>
        <label className="filters__control">
          <span>{t('tracking.filter.order')}</span>
          <select
            value={filter.order}
            onChange={(event) => onChange({ ...filter, order: event.target.value === 'DUE_DATE_DESC' ? 'DUE_DATE_DESC' : 'DUE_DATE_ASC' })}
          >
            <option value="DUE_DATE_ASC">{t('tracking.order.asc')}</option>
            <option value="DUE_DATE_DESC">{t('tracking.order.desc')}</option>
          </select>
        </label>
        <button
          type="button"
          className="button button--quiet"
          onClick={() =>
            onChange({ status: [], category: [], kind: [], partnerId: '', overdue: false, staleDays: '', light: [], order: 'DUE_DATE_ASC' })
          }
        >
          {t('tracking.clear')}
        </button>
      </div>
    </search>
  );
}
