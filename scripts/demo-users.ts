/**
 * The demo identities as the tools see them (`pnpm demo-token`, the benchmarks): the list a
 * running gateway offers (`GET /auth/demo-users`: the built-in identities and every editor
 * account the alliance keeps), or, with no gateway answering, the built-in identities and the
 * editor accounts the kind folders' seeds list.
 */
import { kindNames } from '@hub/kinds';
import { discoverKinds, importFromKind } from '@hub/kinds/discover';
import type { PartnerSeed } from '@hub/partner-kit';
import { builtInDemoUsers, type DemoUser } from '../gateway/src/demo-users.ts';
import type { GatewayEnv } from '../gateway/src/env.ts';

/** The built-in identities and every kind's seeded editor accounts (what a freshly seeded hub offers). */
export async function seededDemoUsers(): Promise<DemoUser[]> {
  const editors: DemoUser[] = [];
  for (const definition of await discoverKinds()) {
    const { seed } = await importFromKind<{ seed: PartnerSeed }>(definition.name, 'src/seed.ts');
    for (const partner of seed.partners) {
      for (const editor of partner.editors ?? []) {
        editors.push({
          id: editor.login,
          name: editor.name,
          role: 'partner_editor',
          partnerId: partner.id,
          kind: kindNames(definition.name).kind,
        });
      }
    }
  }
  return [...builtInDemoUsers, ...editors.sort((a, b) => a.id.localeCompare(b.id))];
}

/** The gateway's list when one answers on this environment's HOST and PORT within a second, else the seeded one. */
export async function demoUsersForTools(env: GatewayEnv): Promise<{ users: DemoUser[]; from: 'gateway' | 'seeds' }> {
  const host = env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST;
  try {
    const response = await fetch(`http://${host}:${env.PORT}/auth/demo-users`, { signal: AbortSignal.timeout(1000) });
    if (response.ok) {
      return { users: (await response.json()) as DemoUser[], from: 'gateway' };
    }
  } catch {
    // No gateway running here: the seeds say who a fresh hub offers.
  }
  return { users: await seededDemoUsers(), from: 'seeds' };
}
