import { Link, Outlet, useLocation, useOutletContext } from 'react-router';
import { useQuery } from 'urql';
import { useSession } from '../auth/SessionProvider.tsx';
import { AllianceDirectoryDocument, type AllianceDirectoryQuery } from '../generated/graphql.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { KindsPending } from '../kinds/KindsPending.tsx';
import { usePartnerKinds } from '../kinds/PartnerKindsProvider.tsx';
import type { PartnerKind } from '../kinds/partner-kinds.ts';
import { ApiErrorNotice } from '../ui/ApiErrorNotice.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';

/** What the editor's pages know about who is editing: the partner, its kind and its alliances. */
export interface EditorScope {
  readonly partnerId: string;
  readonly partnerName: string;
  /** Its kind, whose namespace the editor's operations go to and whose own fields its commitments have. */
  readonly kind: PartnerKind;
  /** The alliances the partner is a member of. */
  readonly alliances: AllianceDirectoryQuery['alliances'];
}

/** The editor's scope, inside the pages under <EditorLayout>. */
export function useEditorScope(): EditorScope {
  return useOutletContext<EditorScope>();
}

/**
 * Frame of the partner editor's pages: requires a partner editor's session, then finds the
 * partner's kind (as the API defines it) and alliances from the alliances' member lists.
 */
export function EditorLayout() {
  const { t } = useI18n();
  const { session } = useSession();
  const location = useLocation();
  const partnerId = session?.user.role === 'partner_editor' ? session.user.partnerId : undefined;
  const [directory] = useQuery({ query: AllianceDirectoryDocument, pause: !partnerId });
  const kinds = usePartnerKinds();

  if (!session) {
    return (
      <Notice tone="warning">
        {t('editor.signInFirst')} <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t('nav.signIn')}</Link>
      </Notice>
    );
  }
  if (!partnerId) {
    return <Notice tone="warning">{t('editor.onlyEditors', { name: session.user.name })}</Notice>;
  }
  if (directory.error) {
    return <ApiErrorNotice error={directory.error} />;
  }
  if (!directory.data) {
    return <Loading />;
  }
  if (!kinds.kinds) {
    return <KindsPending state={kinds} />;
  }
  const alliances = directory.data.alliances.filter((alliance) => alliance.members.some((member) => member.partnerId === partnerId));
  const membership = alliances.flatMap((alliance) => alliance.members).find((member) => member.partnerId === partnerId);
  if (!membership) {
    return <Notice tone="warning">{t('editor.noAlliance')}</Notice>;
  }
  const kind = kinds.kinds.of(membership.kind);
  if (!kind) {
    return <Notice tone="warning">{t('editor.unknownKind', { kind: membership.kind })}</Notice>;
  }
  const scope: EditorScope = { partnerId, partnerName: membership.name, kind, alliances };
  return <Outlet context={scope} />;
}
