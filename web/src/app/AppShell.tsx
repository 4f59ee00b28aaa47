import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ReminderNavLink } from '../reminders/ReminderNavLink.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';

/** The frame of the working pages: brand, the signed-in role's pages, language, who is signed in. */
export function AppShell() {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const role = session?.user.role;
  const link = (to: string, label: string) => (
    <NavLink to={to} className="app-nav__link">
      {label}
    </NavLink>
  );
  return (
    <div className="app">
      <header className="app-header">
        <NavLink to="/" className="app-brand">
          <span className="app-brand__mark" aria-hidden="true">
            ☆
          </span>
          {t('app.title')}
        </NavLink>
        <nav className="app-nav" aria-label={t('nav.label')}>
          {link('/', t('nav.wall'))}
          {role === 'partner_editor' ? link('/my/commitments', t('nav.myCommitments')) : null}
          {role === 'partner_editor' ? link('/my/activities', t('nav.myActivities')) : null}
          {role === 'partner_editor' ? link('/my/needs', t('nav.myNeeds')) : null}
          {role === 'partner_editor' ? link('/my/resources', t('nav.myResources')) : null}
          {session ? link('/cobuild', t('nav.cobuild')) : null}
          {role === 'coordinator' ? link('/alliances', t('nav.alliances')) : null}
          <ReminderNavLink />
        </nav>
        <div className="app-header__end">
          <LanguageSwitch />
          {session ? (
            <span className="app-user">
              <span className="app-user__name" data-testid="signed-in-as">
                {session.user.name}
              </span>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  signOut();
                  navigate('/sign-in');
                }}
              >
                {t('nav.signOut')}
              </button>
            </span>
          ) : (
            link('/sign-in', t('nav.signIn'))
          )}
        </div>
      </header>
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
