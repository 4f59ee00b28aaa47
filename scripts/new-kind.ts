/**
 * `pnpm new-kind <name> [field …] [--label 中文:English]`: adds a partner kind as one folder,
 * services/<name>/, then its first migration, its and the alliance's schemas, the composition,
 * the generated deployment files and the web app's typed client. Fields are `name:type` with type `text`, `text!` (required), `count`, `count!`,
 * `texts` or `choices=A,B,C`, e.g.
 *
 *   pnpm new-kind hospital department:text! servedPeople:count! services:choices=OUTPATIENT,EMERGENCY --label 医院:Hospital
 *
 * Labels of the fields start as their names: edit them (and the seed) in the new folder.
 * DATABASE_URL names a PostgreSQL server for the migration (else an embedded one is started).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseFieldSpec, writeKindFolder } from './kind-folder.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const name = args[0];
if (!name || name.startsWith('-')) {
  console.error('Usage: pnpm new-kind <name> [field:type …] [--label 中文:English]');
  process.exit(1);
}
const labelAt = args.indexOf('--label');
const [zh, en] = (labelAt > 0 ? (args[labelAt + 1] ?? '') : '').split(':');
const fields = args.slice(1).filter((arg, index, all) => !arg.startsWith('--') && all[index - 1] !== '--label');

const folder = await writeKindFolder({ name, label: { zh: zh || name, en: en || name }, fields: fields.map(parseFieldSpec) });
console.log(`wrote ${folder}`);

const run = (command: string, commandArgs: string[]) => execFileSync(command, commandArgs, { cwd: repoRoot, stdio: 'inherit' });
run('pnpm', ['install', '--offline', '--no-frozen-lockfile']);
run(process.execPath, ['--import', 'tsx', 'scripts/make-migration.ts', name]);
run(process.execPath, ['--import', 'tsx', 'scripts/emit-schemas.ts', 'alliance', name]);
run('pnpm', ['compose']);
run('pnpm', ['infra']);
run('pnpm', ['--filter', '@hub/web', 'codegen']);
console.log(
  `\nThe kind ${name} is ready: pnpm start runs it beside the others. Edit services/${name}/src/kind.ts and seed.ts, then commit the folder and the regenerated files.`,
);
