/**
 * `pnpm demo-token <user>`: prints a JWT for a demo identity, signed with the development secret.
 * The identities are the running gateway's (`GET /auth/demo-users`: coordinator, viewer and every
 * editor account the alliance keeps, issued ones included), or the seeded ones when no gateway
 * answers on PORT.
 */
import { mintDemoToken } from '../gateway/src/auth.ts';
import { parseGatewayEnv } from '../gateway/src/env.ts';
import { demoUsersForTools } from './demo-users.ts';

const env = parseGatewayEnv();
const { users, from } = await demoUsersForTools(env);
const id = process.argv[2];
const user = users.find((candidate) => candidate.id === id);
if (!user) {
  const source =
    from === 'gateway' ? `the gateway on port ${env.PORT}` : 'the seeds (no gateway answered; accounts issued since are not listed)';
  console.error(
    `Usage: pnpm demo-token <user>, one of (from ${source}):\n${users
      .map((u) => `  ${u.id.padEnd(26)} ${u.role.padEnd(15)} ${u.name}`)
      .join('\n')}`,
  );
  process.exit(1);
}
console.log(await mintDemoToken(env, user));
