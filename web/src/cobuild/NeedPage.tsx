import { useCallback, useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { KindsPending } from '../kinds/KindsPending.tsx';
import { inNamespace } from '../kinds/namespaced.ts';
import { usePartnerKinds } from '../kinds/PartnerKindsProvider.tsx';
import type { PartnerKind, PartnerKinds } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { ClaimForm } from './ClaimForm.tsx';
import { ClaimList } from './ClaimList.tsx';
import { CobuildBadge } from './CobuildBadge.tsx';
import { type CobuildScope, useCobuildScope } from './CobuildLayout.tsx';
import { ItemFacts } from './ItemFacts.tsx';
import { MatchList } from './MatchList.tsx';
import { needQuery } from './need-query.ts';

function NeedView({ needId, kind }: { needId: string; kind: PartnerKind }) {
  const { t } = useI18n();
  const scope = useCobuildScope();
  const [result, reexecute] = useQuery({ query: needQuery(kind), variables: { id: needId } });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  useEffect(() => {
    if (scope.lastChange) {
      refresh();
    }
  }, [scope.lastChange, refresh]);
  const need = inNamespace(result.data, kind)?.need;
  if (!need || need.allianceId !== scope.alliance.id) {
    if (result.error) {
      return <ApiErrorNotice error={result.error} />;
    }
    return result.fetching ? <Loading /> : <Notice tone="warning">{t('cobuild.need.notFound')}</Notice>;
  }
  const member = scope.member;
  const ownNeed = member?.partnerId === need.partnerId;
  const ownOpenClaim = need.claims.some((claim) => claim.claimantPartnerId === member?.partnerId && claim.status === 'PENDING');
  const claimable = Boolean(member) && !ownNeed && (need.stage === 'OPEN' || need.stage === 'CLAIMED') && !ownOpenClaim;
  const suggested = need.matches.find((match) => match.resource.partnerId === member?.partnerId)?.resource.id ?? null;
  return (
    <article className="cobuild__need" data-need-id={need.id} data-stage={need.stage ?? ''}>
      <p className="breadcrumb">
        <Link to={`/cobuild/${scope.alliance.id}`}>{t('cobuild.tab.needs')}</Link>
      </p>
      <header className="page__header">
        <div>
          <h2 className="cobuild__heading">{need.title}</h2>
          <p className="page__lead">
            {need.stage ? <CobuildBadge stage={need.stage} /> : null} {scope.partnerName(need.partnerId)}
            {need.inClaimHall ? <span className="badge badge--overdue cobuild__hall-mark">{t('cobuild.tab.hallShort')}</span> : null}
          </p>
        </div>
        {need.project ? (
          <Link
            className="button button--primary"
            to={`/cobuild/${scope.alliance.id}/projects/${need.project.id}`}
            data-action="open-project"
          >
            {t('cobuild.need.openProject')}
          </Link>
        ) : null}
      </header>
      <div className="columns">
        <section aria-labelledby="need-facts-title">
          <h3 id="need-facts-title">{t('commitment.facts')}</h3>
          {need.description ? <p className="description">{need.description}</p> : null}
          <ItemFacts item={need} />
        </section>
        <section aria-labelledby="matches-title">
          <h3 id="matches-title">{t('cobuild.matches.title')}</h3>
          {need.stage === 'OPEN' || need.stage === 'CLAIMED' ? (
            <MatchList matches={need.matches} partnerName={scope.partnerName} />
          ) : (
            <p className="empty">{t('cobuild.matches.closed')}</p>
          )}
        </section>
      </div>
      <section aria-labelledby="claims-title">
        <h3 id="claims-title">{t('cobuild.claims.title')}</h3>
        <ClaimList claims={need.claims} partnerName={scope.partnerName} deciding={ownNeed} viewerPartnerId={member?.partnerId ?? null} />
      </section>
      {claimable && member ? (
        <ClaimForm needId={need.id} allianceId={scope.alliance.id} kind={member.kind} suggested={suggested} onClaimed={refresh} />
      ) : null}
    </article>
  );
}

/**
 * A need of the alliance: its facts (from its partner's subgraph), its stage, the resources
 * proposed for it with their reasons, its claims; the claim form for another partner's editor,
 * accept or decline for its own partner's, the project once a claim is accepted.
 */
export function NeedPage() {
  const { t } = useI18n();
  const { needId = '' } = useParams();
  const state = usePartnerKinds();
  const scope = useCobuildScope();
  if (!state.kinds) {
    return <KindsPending state={state} />;
  }
  const kind = kindOfNeed(needId, scope, state.kinds);
  return kind ? <NeedView key={kind.kind} needId={needId} kind={kind} /> : <Notice tone="warning">{t('cobuild.need.notFound')}</Notice>;
}

/**
 * Whose subgraph keeps the need: its partner's kind when it is on the list; otherwise it can only
 * be a draft of the reader's own partner, in the reader's kind.
 */
function kindOfNeed(needId: string, scope: CobuildScope, kinds: PartnerKinds): PartnerKind | null {
  const listed = scope.lists.needs.find((need) => need.id === needId);
  const member = listed ? scope.alliance.members.find((candidate) => candidate.partnerId === listed.partnerId) : null;
  return (member ? kinds.of(member.kind) : scope.member?.kind) ?? null;
}
