import { useCallback } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useMatch, useNavigate, useOutletContext, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../auth/SessionProvider.tsx';
import {
  AllianceDirectoryDocument,
  type AllianceDirectoryQuery,
  CobuildListsDocument,
  type CobuildListsQuery,
} from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { usePartnerKinds } from '../kinds/PartnerKindsProvider.tsx';
import type { PartnerKind } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { useCobuildChanges } from './useCobuildChanges.ts';

type DirectoryAlliance = AllianceDirectoryQuery['alliances'][number];
export type CobuildLists = NonNullable<CobuildListsQuery['alliance']>;

/** What the pages of an alliance's 三张清单 share. */
export interface CobuildScope {
  readonly alliance: DirectoryAlliance;
  readonly lists: CobuildLists;
  /** The signed-in editor's partner and its kind, when it is a member of the alliance. */
  readonly member: { readonly partnerId: string; readonly kind: PartnerKind } | null;
  readonly coordinator: boolean;
  partnerName(partnerId: string | null | undefined): string;
  /** The id of the last change received live: pages read again when it changes. */
  readonly lastChange: string | null;
  /** Reads the lists again. */
  refresh(): void;
}

export function useCobuildScope(): CobuildScope {
  return useOutletContext<CobuildScope>();
}

/** The alliances the reader works in: an editor's partner's, everyone's for the coordinator and viewers. */
function useMyAlliances() {
  const { session } = useSession();
  const [directory] = useQuery({ query: AllianceDirectoryDocument, pause: !session });
  const partnerId = session?.user.role === 'partner_editor' ? session.user.partnerId : undefined;
  const alliances = (directory.data?.alliances ?? []).filter(
    (alliance) => !partnerId || alliance.members.some((member) => member.partnerId === partnerId),
  );
  return { directory, alliances, partnerId };
}

/** `/cobuild`: the first of the reader's alliances. */
export function CobuildIndex() {
  const { t } = useI18n();
  const { session } = useSession();
  const { directory, alliances } = useMyAlliances();
  if (!session) {
    return <SignInFirst />;
  }
  const first = alliances[0];
  if (first) {
    return <Navigate to={`/cobuild/${first.id}`} replace />;
  }
  if (directory.error) {
    return <ApiErrorNotice error={directory.error} />;
  }
  return directory.data ? <Notice tone="warning">{t('editor.noAlliance')}</Notice> : <Loading />;
}

function SignInFirst() {
  const { t } = useI18n();
  const location = useLocation();
  return (
    <Notice tone="warning">
      {t('cobuild.signInFirst')} <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t('nav.signIn')}</Link>
    </Notice>
  );
}

/**
 * 三张清单 of one alliance for every signed-in reader: 需求清单, 资源清单, 项目清单 and 领办大厅 as
 * tabs, kept current live; a need's and a project's pages open inside it.
 */
export function CobuildLayout() {
  const { t } = useI18n();
  const { session } = useSession();
  const { allianceId = '' } = useParams();
  const navigate = useNavigate();
  const { kinds } = usePartnerKinds();
  const { directory, alliances, partnerId } = useMyAlliances();
  const [result, reexecute] = useQuery({ query: CobuildListsDocument, variables: { allianceId }, pause: !session });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const lists = result.data?.alliance;
  const { changes } = useCobuildChanges(allianceId, lists?.liveCursor, refresh);
  // A need's or a project's page needs the room more than the lists' introduction.
  const onNeed = useMatch('/cobuild/:allianceId/needs/:needId');
  const onProject = useMatch('/cobuild/:allianceId/projects/:projectId');
  if (!session) {
    return <SignInFirst />;
  }
  const alliance = directory.data?.alliances.find((candidate) => candidate.id === allianceId);
  const membership = alliance?.members.find((member) => member.partnerId === partnerId);
  const kind = membership ? kinds?.of(membership.kind) : undefined;
  const names = new Map(alliance?.members.map((member) => [member.partnerId, member.name]));
  const tab = (to: string, label: string, end = false) => (
    <NavLink to={to} end={end} className="tabs__tab">
      {label}
    </NavLink>
  );
  const hallCount = lists?.needs.filter((need) => need.inClaimHall).length ?? 0;
  const base = `/cobuild/${allianceId}`;
  return (
    <section className="page cobuild">
      <header className="page__header">
        <div>
          <h1>{t('cobuild.title')}</h1>
          {alliances.length > 1 ? null : <p className="page__lead">{alliance?.name ?? ''}</p>}
        </div>
        <div className="cobuild__tools">
          {alliances.length > 1 ? (
            <label className="cobuild__switch">
              <span className="visually-hidden">{t('wall.switchAlliance')}</span>
              <select value={allianceId} onChange={(event) => navigate(`/cobuild/${event.target.value}`)}>
                {alliances.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {membership ? (
            <>
              <Link className="button button--primary" to="/my/needs/new">
                {t('cobuild.my.newNeed')}
              </Link>
              <Link className="button" to="/my/resources/new">
                {t('cobuild.my.newResource')}
              </Link>
            </>
          ) : null}
        </div>
      </header>
      {onNeed || onProject ? null : <p className="page__lead">{t('cobuild.lead')}</p>}
      <nav className="tabs" aria-label={t('cobuild.tabs')}>
        {tab(base, t('cobuild.tab.needs'), true)}
        {tab(`${base}/resources`, t('cobuild.tab.resources'))}
        {tab(`${base}/projects`, t('cobuild.tab.projects'))}
        {tab(`${base}/hall`, t('cobuild.tab.hall', { count: hallCount }))}
      </nav>
      <ApiErrorNotice error={result.error ?? directory.error} />
      {alliance && lists ? (
        <Outlet
          context={
            {
              alliance,
              lists,
              member: membership && kind && partnerId ? { partnerId, kind } : null,
              coordinator: session.user.role === 'coordinator',
              partnerName: (id) => (id ? (names.get(id) ?? id) : '—'),
              lastChange: changes[0]?.id ?? null,
              refresh,
            } satisfies CobuildScope
          }
        />
      ) : null}
      {(!lists && result.fetching) || !directory.data ? <Loading /> : null}
      {result.data && directory.data && (!alliance || !lists) ? <Notice tone="warning">{t('wall.missing')}</Notice> : null}
    </section>
  );
}
