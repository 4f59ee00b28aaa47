import type { CobuildFiguresRowFragment } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

/** 各单位成效: per partner, needs published and met, resources published and given, the satisfaction its help earned. */
export function FiguresTable({ figures }: { figures: readonly CobuildFiguresRowFragment[] }) {
  const { t, format } = useI18n();
  const columns = [
    ['needsPublished', t('cobuild.figures.needsPublished')],
    ['needsMet', t('cobuild.figures.needsMet')],
    ['resourcesPublished', t('cobuild.figures.resourcesPublished')],
    ['resourcesGiven', t('cobuild.figures.resourcesGiven')],
  ] as const;
  return (
    <section aria-labelledby="figures-title">
      <h2 id="figures-title">{t('cobuild.figures.title')}</h2>
      <table className="table table--compact table--figures" data-testid="cobuild-figures">
        <thead>
          <tr>
            <th>{t('member.name')}</th>
            {columns.map(([key, label]) => (
              <th key={key}>{label}</th>
            ))}
            <th>{t('cobuild.figures.averageSatisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((row) => (
            <tr key={row.partnerId} data-partner-id={row.partnerId}>
              <td data-label={t('member.name')}>
                <span className="table__title">{row.partnerName}</span>
              </td>
              {columns.map(([key, label]) => (
                <td key={key} data-label={label} data-figure={key}>
                  {format.number(row[key])}
                </td>
              ))}
              <td data-label={t('cobuild.figures.averageSatisfaction')}>
                {row.averageSatisfaction === null || row.averageSatisfaction === undefined
                  ? '—'
                  : t('cobuild.figures.satisfactionOf', {
                      average: format.number(Math.round(row.averageSatisfaction * 10) / 10),
                      count: row.evaluations,
                    })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
