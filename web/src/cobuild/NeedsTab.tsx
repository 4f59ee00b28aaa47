import { Link } from 'react-router';
import type { CobuildNeedRowFragment, NeedStage } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CobuildBadge } from './CobuildBadge.tsx';
import { useCobuildScope } from './CobuildLayout.tsx';
import { HelpList } from './HelpList.tsx';

const stageOrder: readonly NeedStage[] = ['OPEN', 'CLAIMED', 'IN_PROJECT', 'DELIVERED', 'CLOSED', 'WITHDRAWN'];

/** Needs in the order to act on them: open first, then by how soon they are wanted. */
export function byStage(needs: readonly CobuildNeedRowFragment[]): CobuildNeedRowFragment[] {
  const rank = (need: CobuildNeedRowFragment) => stageOrder.indexOf(need.stage ?? 'WITHDRAWN');
  return [...needs].sort((a, b) => rank(a) - rank(b) || (a.wantedBy ?? '9999').localeCompare(b.wantedBy ?? '9999'));
}

/** A table of needs: what, whose, the help asked, by when, where each stands. */
export function NeedTable({ needs, testId }: { needs: readonly CobuildNeedRowFragment[]; testId: string }) {
  const { t, format } = useI18n();
  const scope = useCobuildScope();
  if (needs.length === 0) {
    return <p className="empty">{t('cobuild.needs.empty')}</p>;
  }
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('cobuild.field.title')}</th>
          <th>{t('commitment.field.category')}</th>
          <th>{t('cobuild.field.help')}</th>
          <th>{t('cobuild.field.wantedBy')}</th>
          <th>{t('cobuild.stage')}</th>
        </tr>
      </thead>
      <tbody>
        {needs.map((need) => (
          <tr key={need.id} data-need-id={need.id}>
            <td data-label={t('cobuild.field.title')}>
              <Link to={`/cobuild/${scope.alliance.id}/needs/${need.id}`} className="table__title">
                {need.title}
              </Link>
              <span className="table__sub">{scope.partnerName(need.partnerId)}</span>
            </td>
            <td data-label={t('commitment.field.category')}>{t(`category.${need.category}`)}</td>
            <td data-label={t('cobuild.field.help')}>
              <HelpList help={need.help} />
            </td>
            <td data-label={t('cobuild.field.wantedBy')}>{format.date(need.wantedBy)}</td>
            <td data-label={t('cobuild.stage')}>
              {need.stage ? <CobuildBadge stage={need.stage} /> : '—'}
              {need.inClaimHall ? <span className="badge badge--overdue cobuild__hall-mark">{t('cobuild.tab.hallShort')}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 需求清单: the alliance's published needs. */
export function NeedsTab() {
  const { lists } = useCobuildScope();
  return <NeedTable needs={byStage(lists.needs)} testId="cobuild-needs" />;
}
