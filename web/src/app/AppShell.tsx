import { Suspense } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ReminderNavLink } from '../reminders/ReminderNavLink.tsx';
import { useFocusFirstInvalidOnSubmit } from '../ui/focus-first-invalid.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { Loading } from '../ui/Loading.tsx';

/**
 * The frame of the working pages: a skip link to the page's content (the first thing Tab
 * reaches), brand, the signed-in role's pages, language, who is signed in. The frame stays while
 * an area's pages load. A form refused for its input puts the focus on its first field to fix.
 */
export function AppShell() {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const role = session?.user.role;
  useFocusFirstInvalidOnSubmit();
  const link = (to: string, label: string) => (
    <NavLink to={to} className="app-nav__link">
      {label}
    </NavLink>
  );
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
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
      <main className="app-main" id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
