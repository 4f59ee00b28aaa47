/** A demo identity offered by the gateway's sign-in (GET /auth/demo-users). */
export interface DemoUser {
  readonly id: string;
  readonly name: string;
  readonly role: 'coordinator' | 'partner_editor' | 'viewer';
  readonly partnerId?: string;
}

/** Who is signed in, with the token sent to /graphql. */
export interface Session {
  readonly token: string;
  readonly user: DemoUser;
}

const storageKey = 'hub.session';

/** Thrown when the gateway refuses a sign-in request; carries its `extensions.code`. */
export class SignInError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readJson<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as (T & { errors?: { message: string; extensions?: { code?: string } }[] }) | null;
  if (!response.ok || body === null) {
    const error = body?.errors?.[0];
    throw new SignInError(error?.extensions?.code ?? 'NETWORK', error?.message ?? `HTTP ${response.status}`);
  }
  return body;
}

/** The demo identities; 404 NOT_FOUND when the gateway runs without demo sign-in. */
export async function fetchDemoUsers(): Promise<DemoUser[]> {
  return readJson<DemoUser[]>(await fetch('/auth/demo-users'));
}

/** Signs in as a demo identity: the gateway mints a token for it. */
export async function demoSignIn(user: DemoUser): Promise<Session> {
  const response = await fetch('/auth/demo-login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: user.id }),
  });
  const { token } = await readJson<{ token: string }>(response);
  return { token, user };
}

/** The session kept in this browser, if any. */
export function loadSession(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Session | null;
    return session?.token && session.user?.id ? session : null;
  } catch {
    return null;
  }
}

export function storeSession(session: Session | null): void {
  if (session) {
    localStorage.setItem(storageKey, JSON.stringify(session));
  } else {
    localStorage.removeItem(storageKey);
  }
}
