import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { homePathOf } from '../app/home-path.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { Loading } from '../ui/Loading.tsx';
import { Notice } from '../ui/Notice.tsx';
import { useSession } from './SessionProvider.tsx';
import { type DemoUser, fetchDemoUsers, SignInError } from './session.ts';

const roleOrder: readonly DemoUser['role'][] = ['partner_editor', 'coordinator', 'viewer'];

/** Sign-in as one of the demo identities the gateway offers, grouped by role. */
export function SignInPage() {
  const { t } = useI18n();
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  const [failure, setFailure] = useState<SignInError | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    fetchDemoUsers().then(setUsers, (error: unknown) =>
      setFailure(error instanceof SignInError ? error : new SignInError('NETWORK', String(error))),
    );
  }, []);

  const choose = async (user: DemoUser) => {
    setPending(user.id);
    setFailure(null);
    try {
      await signIn(user);
      navigate(params.get('next') ?? homePathOf(user));
    } catch (error) {
      setFailure(error instanceof SignInError ? error : new SignInError('NETWORK', String(error)));
    } finally {
      setPending(null);
    }
  };

  return (
    <section className="page page--narrow">
      <h1>{t('signIn.title')}</h1>
      <p className="page__lead">{t('signIn.lead')}</p>
      {session ? <Notice>{t('signIn.current', { name: session.user.name })}</Notice> : null}
      {failure ? (
        <Notice tone="error">
          <p className="notice__title">{failure.code === 'NOT_FOUND' ? t('signIn.disabled') : t('signIn.failed')}</p>
          <p className="notice__server">
            {t('error.serverSaid')} <code>{failure.message}</code>
          </p>
        </Notice>
      ) : null}
      {users === null && !failure ? <Loading /> : null}
      {roleOrder.map((role) => {
        const group = (users ?? []).filter((user) => user.role === role);
        return group.length === 0 ? null : (
          <div key={role} className="sign-in__group">
            <h2>{t(`role.${role}`)}</h2>
            <p className="sign-in__role-hint">{t(`role.${role}.hint`)}</p>
            <ul className="sign-in__users">
              {group.map((user) => (
                <li key={user.id}>
                  <button
                    type="button"
                    className="sign-in__user"
                    data-user-id={user.id}
                    disabled={pending !== null}
                    aria-busy={pending === user.id}
                    onClick={() => void choose(user)}
                  >
                    <span className="sign-in__name">{user.name}</span>
                    <span className="sign-in__id">{user.id}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
