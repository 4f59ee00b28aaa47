import { createServer } from 'node:http';
import { join } from 'node:path';
import { gatewayIssuer, openKeyRing } from '@hub/contracts';
import type { RunningStack } from '@hub/testkit';
import { startBenchStack } from '../hub-stack.ts';
import type { GatewayBenchConfig } from './config.ts';

/**
 * The alliance's periodic work that serves no request, off for the benchmark: the reminder sweep
 * would judge every seeded item at its first run, in the middle of some gateway's measurement.
 * (The partners' outbox relays stay: they poll cheaply when idle, and the SQL time leaves them out.)
 */
const quietHub = { HUB_REMINDER_SWEEP_MS: '0' };

/**
 * Starts the hub's subgraphs and PostgreSQL on fresh `hub_<name>_*` databases and stops the
 * stack's own gateway: every gateway measured, the hub's included, is started by the benchmark.
 */
export async function startSubgraphsOnly(config: GatewayBenchConfig, name: string): Promise<RunningStack> {
  const stack = await startBenchStack({
    name,
    port: config.port,
    postgresPort: config.postgresPort,
    databaseUrl: config.databaseUrl,
    log: config.log,
    env: quietHub,
  });
  try {
    await stack.stopService('gateway');
    const keys = await serveGatewayKeys(stack, config.port);
    return {
      ...stack,
      async stop() {
        keys.close();
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/**
 * Serves the stack gateway's public keys at its port once it is stopped: the subgraphs fetch
 * them from there, and every gateway measured signs with that key file.
 */
async function serveGatewayKeys(stack: RunningStack, port: number): Promise<{ close(): void }> {
  const keys = await openKeyRing(join(stack.keysDir, `${gatewayIssuer}.jwks.json`), { create: false });
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys.publicKeys()));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { close: () => server.close() };
}
