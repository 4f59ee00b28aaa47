/**
 * `pnpm infra`: writes the parts of infra/ that list the subgraphs (Compose services, one
 * Kubernetes manifest per kind with its own Secret, the kustomization, the ConfigMap) from the
 * kind folders (scripts/infra-files.ts), and removes a generated manifest whose kind folder is
 * gone. `pnpm check:generated` runs it and fails when the committed files differ.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { discoverKinds } from '@hub/kinds/discover';
import { infraFiles, isGenerated } from './infra-files.ts';

const root = new URL('../', import.meta.url);
const files = infraFiles(await discoverKinds());

for (const [path, text] of files) {
  let current: string | null = null;
  try {
    current = readFileSync(new URL(path, root), 'utf8');
  } catch {
    // a new file
  }
  if (current !== text) {
    writeFileSync(new URL(path, root), text);
    console.log(`wrote ${path}`);
  }
}
for (const file of readdirSync(new URL('infra/k8s/', root))) {
  const path = `infra/k8s/${file}`;
  if (file.endsWith('.yaml') && !files.has(path) && isGenerated(readFileSync(new URL(path, root), 'utf8'))) {
    rmSync(new URL(path, root));
    console.log(`removed ${path} (no kind folder of that name)`);
  }
}
console.log(`infra/ is up to date with ${files.size} generated files`);
