import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineKind, type KindField, kindNames } from '@hub/kinds';
import { discoverKinds, kindsRoot } from '@hub/kinds/discover';

/** Colours a new kind may take on the wall, in order. */
const colours = ['#ff8a65', '#9ccc65', '#4dd0e1', '#ba68c8', '#ffd54f', '#90a4ae'];

export interface NewKind {
  readonly name: string;
  readonly label: { zh: string; en: string };
  readonly fields: readonly (readonly [string, KindField])[];
}

/** Reads `name:type` (text, text!, count, count!, texts, choices=A,B) into a field definition labelled with its name. */
export function parseFieldSpec(spec: string): readonly [string, KindField] {
  const [name = '', type = 'text'] = spec.split(':');
  const label = { zh: name, en: name };
  const required = type.endsWith('!');
  const base = type.replace(/!$/, '');
  if (base === 'text') {
    return [name, { type: 'text', maxLength: 200, required, label }];
  }
  if (base === 'count') {
    return [name, { type: 'count', max: 1_000_000, required, label }];
  }
  if (base === 'texts') {
    return [name, { type: 'texts', maxItems: 50, maxLength: 200, label }];
  }
  if (base.startsWith('choices=')) {
    const values = base.slice('choices='.length).split(',').filter(Boolean);
    const enumName = name.charAt(0).toUpperCase() + name.slice(1);
    return [
      name,
      { type: 'choices', enumName, label, values: Object.fromEntries(values.map((value) => [value, { zh: value, en: value }])) },
    ];
  }
  throw new Error(`Field ${spec}: the type must be text, text!, count, count!, texts or choices=A,B`);
}

/**
 * Writes services/<name>/ for a new kind: its definition (the next free port, a colour), its
 * spec, entry point, a seed with one organization (admitted to no alliance: the coordinator
 * admits it), an empty migration list and a package.json. Returns the folder. Throws when the
 * definition is invalid or the folder's kind exists.
 */
export async function writeKindFolder(kind: NewKind, root = kindsRoot): Promise<string> {
  const existing = await discoverKinds(root);
  if (existing.some((other) => other.name === kind.name)) {
    throw new Error(`The kind ${kind.name} exists already`);
  }
  const definition = defineKind({
    name: kind.name,
    label: kind.label,
    description: `${kind.label.zh} / ${kind.label.en}`,
    port: Math.max(4001, ...existing.map((other) => other.port)) + 1,
    color: colours[existing.length % colours.length] ?? '#90a4ae',
    fields: Object.fromEntries(kind.fields),
  });
  const names = kindNames(kind.name);
  const folder = join(root, kind.name);
  mkdirSync(join(folder, 'src', 'migrations'), { recursive: true });
  const write = (file: string, text: string) => writeFileSync(join(folder, file), text);
  write(
    'package.json',
    `${JSON.stringify(
      {
        name: `@hub/${kind.name}`,
        private: true,
        type: 'module',
        version: '0.0.0',
        exports: { '.': './src/index.ts' },
        dependencies: {
          '@hub/contracts': 'workspace:*',
          '@hub/http': 'workspace:*',
          '@hub/kinds': 'workspace:*',
          '@hub/partner-kit': 'workspace:*',
        },
        scripts: { start: 'node --import tsx src/index.ts' },
      },
      null,
      2,
    )}\n`,
  );
  write(
    'src/kind.ts',
    `import { defineKind } from '@hub/kinds';\n\n/** ${definition.label.zh} / ${definition.label.en}. */\nexport const kind = defineKind(${JSON.stringify(definition, null, 2)});\n`,
  );
  write(
    'src/spec.ts',
    "import { partnerSpec } from '@hub/partner-kit';\nimport { kind } from './kind.ts';\nimport { migrations } from './migrations/index.ts';\n\n/** This kind's subgraph, built from its definition. */\nexport const spec = partnerSpec(kind, migrations);\n",
  );
  write(
    'src/instrument.ts',
    `import { startTracing } from '@hub/http/tracing';\n\n// Imported first by index.ts: tracing must be in place before the rest of the service loads.\nstartTracing('${kind.name}');\n`,
  );
  write(
    'src/index.ts',
    "import './instrument.ts';\nimport { runPartnerService } from '@hub/partner-kit';\nimport { kind } from './kind.ts';\nimport { seed } from './seed.ts';\nimport { spec } from './spec.ts';\n\nawait runPartnerService(spec, { defaultPort: kind.port, seed });\n",
  );
  write(
    'src/seed.ts',
    `import { stableId } from '@hub/contracts';\nimport type { PartnerSeed } from '@hub/partner-kit';\n\n/** Demo data: one organization of this kind, with its Party branch; the coordinator admits it to an alliance. */\nexport const seed: PartnerSeed = {\n  partners: [\n    {\n      id: stableId('partner/${kind.name}'),\n      name: '${definition.label.zh}',\n      shortName: '${definition.label.zh}',\n      branches: [{ id: stableId('branch/${kind.name}'), name: '${definition.label.zh}党支部', memberCount: 10, groups: [], members: [] }],\n    },\n  ],\n  commitments: [],\n  activities: [],\n};\n`,
  );
  write(
    'src/migrations/index.ts',
    '/** Committed migrations, in the order they apply. */\nexport const migrations: { name: string; class: new (...args: any[]) => any }[] = [];\n',
  );
  write(
    'README.md',
    `# @hub/${kind.name} — partner kind ${names.kind} (${definition.label.zh})\n\nOne folder: its definition (\`src/kind.ts\`: labels, port, colour, its own commitment fields and their rules), its seed and its migrations. Everything else comes from [\`@hub/partner-kit\`](../../packages/partner-kit/README.md), built from the definition. Its types are \`${names.typePrefix}Partner\`, \`${names.typePrefix}Branch\`, \`${names.typePrefix}Commitment\` and \`${names.typePrefix}Activity\`; its root field is \`${names.namespace}\`.\n`,
  );
  return folder;
}
