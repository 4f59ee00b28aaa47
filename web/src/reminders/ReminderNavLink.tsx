import { NavLink } from 'react-router';
import { useSession } from '../auth/SessionProvider.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useReminderCount } from './useReminderInbox.ts';

/** 督办 in the navigation, with how many reminders await the reader: a partner editor's unread, the coordinator's answers to decide. */
export function ReminderNavLink() {
  const { t } = useI18n();
  const { session } = useSession();
  const role = session?.user.role;
  const editor = role === 'partner_editor';
  const partnerId = editor ? (session?.user.partnerId ?? null) : null;
  const count = useReminderCount(partnerId, !(editor || role === 'coordinator'));
  if (!editor && role !== 'coordinator') {
    return null;
  }
  const label = editor ? t('nav.remindersUnread', { count }) : t('nav.remindersAwaiting', { count });
  return (
    <NavLink to={editor ? '/my/reminders' : '/reminders'} className="app-nav__link" aria-label={count > 0 ? label : undefined}>
      {t('nav.reminders')}
      {count > 0 ? (
        <span className="nav-count" data-testid="reminder-count">
          {count}
        </span>
      ) : null}
    </NavLink>
  );
}
