/** `pnpm demo-token <demo-user>`: prints a JWT for a demo identity, signed with the development secret. */
import { mintDemoToken } from '../gateway/src/auth.ts';
import { demoUsers } from '../gateway/src/demo-users.ts';
import { parseGatewayEnv } from '../gateway/src/env.ts';

const user = process.argv[2];
if (!user || !Object.hasOwn(demoUsers, user)) {
  console.error(
    `Usage: pnpm demo-token <user>, one of:\n${Object.entries(demoUsers)
      .map(([id, u]) => `  ${id.padEnd(26)} ${u.role.padEnd(15)} ${u.name}`)
      .join('\n')}`,
  );
  process.exit(1);
}
console.log(await mintDemoToken(parseGatewayEnv(), user));
