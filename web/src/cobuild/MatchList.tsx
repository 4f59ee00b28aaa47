import type { CobuildResourceRowFragment, MatchReasonCode } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { HelpList } from './HelpList.tsx';
import { reasonText } from './match-reasons.ts';

export interface Match {
  readonly score: number;
  readonly reasons: readonly { readonly code: MatchReasonCode; readonly detail?: string | null }[];
  readonly resource: CobuildResourceRowFragment & { readonly conditions?: string | null };
}

/** 推荐资源: the other partners' resources that fit the need, best first, each with its fit and its reasons in words. */
export function MatchList({ matches, partnerName }: { matches: readonly Match[]; partnerName: (partnerId: string) => string }) {
  const { t, format } = useI18n();
  if (matches.length === 0) {
    return <p className="empty">{t('cobuild.matches.none')}</p>;
  }
  return (
    <ol className="cobuild__matches" data-testid="matches">
      {matches.map((match) => (
        <li key={match.resource.id} className="card cobuild__match" data-resource-id={match.resource.id}>
          <div className="cobuild__match-head">
            <div>
              <p className="card__title">{match.resource.title}</p>
              <p className="card__meta">{partnerName(match.resource.partnerId)}</p>
            </div>
            <span className="cobuild__score" title={t('cobuild.matches.scoreHint')}>
              {t('cobuild.matches.score', { score: match.score })}
            </span>
          </div>
          <HelpList help={match.resource.offers} />
          <ul className="cobuild__reasons" aria-label={t('cobuild.matches.reasons')}>
            {match.reasons.map((reason) => (
              <li key={reason.code} data-reason={reason.code}>
                {reasonText(reason, t, format)}
              </li>
            ))}
          </ul>
          {match.resource.conditions ? (
            <p className="card__meta">
              {t('cobuild.field.conditions')}
              {t('common.colon')}
              {match.resource.conditions}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
