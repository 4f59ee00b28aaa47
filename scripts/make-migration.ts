/**
 * Generates the next migration of a service from the difference between its entities and its
 * committed migrations, using a scratch database on the server DATABASE_URL names, or on an
 * embedded PostgreSQL started for the purpose when it is unset.
 * Usage: [DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres] pnpm exec tsx scripts/make-migration.ts <service>
 */

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kindsRoot } from '@hub/kinds/discover';
import { repoRoot, startEmbeddedPostgres } from '@hub/testkit';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { loadService } from './service-definition.ts';

/** Rewrites the folder's index.ts to list every migration file in it, oldest first (their names sort by time). */
function writeMigrationList(folder: string): void {
  const classes = readdirSync(folder)
    .filter((file) => /^Migration\d+\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  const imports = classes.map((name) => `import { ${name} } from './${name}.ts';`).join('\n');
  const list = classes.map((name) => `  { name: '${name}', class: ${name} },`).join('\n');
  writeFileSync(
    join(folder, 'index.ts'),
    `${imports}\n\n/** Committed migrations, in the order they apply. */\nexport const migrations = [\n${list}\n];\n`,
  );
}

const name = process.argv[2] ?? '';
const service = await loadService(name);
const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: `${repoRoot}.data/migration-pg`, port: 15499 });
const server = process.env.DATABASE_URL ?? embedded?.url ?? '';
const scratch = `hub_migration_${name.replace(/-/g, '_')}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`drop database if exists ${scratch}`);
await admin.query(`create database ${scratch}`);
const url = new URL(server);
url.pathname = `/${scratch}`;
const folder =
  name === 'alliance'
    ? new URL('../services/alliance/src/migrations', import.meta.url).pathname
    : join(kindsRoot, name, 'src', 'migrations');
const orm = await MikroORM.init({
  clientUrl: url.toString(),
  entities: service.entities,
  extensions: [Migrator],
  migrations: { path: folder, pathTs: folder, emit: 'ts', snapshot: false, migrationsList: service.migrations },
});
await orm.migrator.up();
const result = await orm.migrator.create();
console.log(result.fileName ? `created ${result.fileName}` : 'no changes');
if (result.fileName) {
  writeMigrationList(folder);
}
await orm.close();
await admin.query(`drop database if exists ${scratch}`);
await admin.end();
await embedded?.stop();
