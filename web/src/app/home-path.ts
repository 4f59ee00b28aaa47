import type { DemoUser } from '../auth/session.ts';

/** Where each role starts after signing in. */
export function homePathOf(user: DemoUser): string {
  switch (user.role) {
    case 'coordinator':
      return '/alliances';
    case 'partner_editor':
      return '/my/commitments';
    default:
      return '/';
  }
}
