import { Link, useLocation } from 'react-router';
import { useSession } from '../auth/SessionProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Notice } from '../ui/Notice.tsx';

/**
 * Tells a reader who is not the coordinator that they may look but that the server will refuse
 * their changes (it decides; the page does not hide what the API would answer).
 */
export function CoordinatorNotice() {
  const { t } = useI18n();
  const { session } = useSession();
  const location = useLocation();
  if (session?.user.role === 'coordinator') {
    return null;
  }
  return (
    <Notice tone="warning">
      {session ? t('coordinator.notCoordinator', { name: session.user.name }) : t('coordinator.signInFirst')}{' '}
      {session ? null : <Link to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>{t('nav.signIn')}</Link>}
    </Notice>
  );
}
