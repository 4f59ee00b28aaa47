import { useQuery } from 'urql';
import { isOverdue } from '../app/commitment-rules.ts';
import type { CoBuildingListFilter, CommitmentOrder } from '../generated/graphql.ts';
import { TrackingDocument } from '../generated/graphql.ts';
import { todayIso } from '../i18n/hub-time.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { placeFieldsOf, withKindFields } from '../kinds/kind-selections.ts';
import { placeOf } from '../kinds/kind-values.ts';
import type { PartnerKinds } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { TrackedRow } from './TrackedRow.tsx';

/** Items per page of the tracking view. */
const pageSize = 20;

interface TrackingPageProps {
  readonly allianceId: string;
  /** Each kind's place field is read with the items, to show where they happen. */
  readonly kinds: PartnerKinds;
  readonly filter: CoBuildingListFilter;
  readonly order: CommitmentOrder;
  readonly staleDays: number;
  readonly after: string | null;
  /** The first page also shows the counts. */
  readonly first: boolean;
  /** The last page offers the next one. */
  readonly last: boolean;
  readonly partnerName: (partnerId: string) => string;
  onMore(cursor: string): void;
}

/** One page of the filtered joint list (and, on the first page, what the filter matched). */
export function TrackingPage({ allianceId, kinds, filter, order, staleDays, after, first, last, partnerName, onMore }: TrackingPageProps) {
  const { t, format } = useI18n();
  const [result] = useQuery({
    query: withKindFields(TrackingDocument, 'TrackedCommitment', placeFieldsOf(kinds.list)),
    variables: { allianceId, filter, first: pageSize, after, orderBy: order, staleDays },
  });
  const list = result.data?.alliance?.coBuildingList;
  const stats = result.data?.alliance?.stats;
  const today = todayIso();
  return (
    <>
      <ApiErrorNotice error={result.error} />
      {first && list && stats ? (
        <p className="tracking__summary" data-testid="tracking-count">
          {t('tracking.summary', {
            matched: format.number(list.totalCount),
            total: format.number(stats.overall.total),
            overdue: format.number(stats.overall.overdue),
            stale: format.number(stats.stale),
            days: stats.staleDays,
          })}
        </p>
      ) : null}
      {first && list?.totalCount === 0 ? <p className="empty">{t('tracking.none')}</p> : null}
      {list && list.edges.length > 0 ? (
        <table className="table" data-testid="tracking-table">
          {first ? (
            <thead>
              <tr>
                <th>{t('commitment.field.title')}</th>
                <th>{t('light.label')}</th>
                <th>{t('commitment.field.category')}</th>
                <th>{t('commitment.status')}</th>
                <th>{t('commitment.progress')}</th>
                <th>{t('commitment.field.dueDate')}</th>
              </tr>
            </thead>
          ) : null}
          <tbody>
            {list.edges.map((edge) =>
              edge.node ? (
                <TrackedRow
                  key={edge.cursor}
                  item={edge.node}
                  overdue={isOverdue(edge.node, today)}
                  partnerName={partnerName(edge.node.partnerId)}
                  place={placeOf(edge.node, kinds)}
                  itemHref={`/alliances/${allianceId}/items/${edge.node.id}`}
                />
              ) : (
                <tr key={edge.cursor}>
                  <td colSpan={6} className="is-unavailable">
                    {t('tracking.unavailable')}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      ) : null}
      {result.fetching ? <Loading /> : null}
      {last && list?.pageInfo.hasNextPage && list.pageInfo.endCursor ? (
        <button type="button" className="button" onClick={() => onMore(list.pageInfo.endCursor ?? '')}>
          {t('tracking.more')}
        </button>
      ) : null}
    </>
  );
}
