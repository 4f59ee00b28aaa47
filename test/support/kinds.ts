import { type KindDefinition, type KindField, kindNames } from '@hub/kinds';
import { discoverKinds, importFromKind } from '@hub/kinds/discover';
import type { PartnerSeed } from '@hub/partner-kit';
import type { TestUser } from './hub.ts';

/**
 * Every partner kind the repository has (one per kind folder), as the end-to-end tests need it:
 * so a suite that loops over `testKinds` covers a new kind the moment its folder exists.
 */
export interface TestKind {
  readonly definition: KindDefinition;
  /** `TRAFFIC_POLICE`-style value of PartnerKind. */
  readonly kind: string;
  readonly namespace: string;
  readonly prefix: string;
  /** Valid values of the kind's own fields for a new item (lists hold two entries). */
  readonly own: Record<string, unknown>;
  /** The kind's fields holding text, as paths into its input (a list's second entry as `name.1`). */
  readonly textPaths: string[];
  /** Its first seeded organization and an editor of it. */
  readonly partner: { readonly partnerId: string; readonly name: string; readonly branchId: string | null };
  readonly editor: TestUser;
}

function sampleValue(name: string, field: KindField): unknown {
  switch (field.type) {
    case 'text':
      return `${field.label.zh}（${name}）`;
    case 'count':
      return Math.min(3, field.max);
    case 'texts':
      return [`${field.label.zh}一`, `${field.label.zh}二`];
    case 'choices':
      return Object.keys(field.values).slice(0, 2);
  }
}

function textPath(name: string, field: KindField): string | null {
  switch (field.type) {
    case 'text':
      return name;
    case 'texts':
      return `${name}.1`;
    case 'choices':
      return `${name}.${Object.keys(field.values).length > 1 ? 1 : 0}`;
    case 'count':
      return null;
  }
}

async function testKind(definition: KindDefinition): Promise<TestKind> {
  const names = kindNames(definition.name);
  const { seed } = await importFromKind<{ seed: PartnerSeed }>(definition.name, 'src/seed.ts');
  const partner = seed.partners[0];
  if (!partner) {
    throw new Error(`The kind ${definition.name} seeds no organization for the tests to use`);
  }
  const fields = Object.entries(definition.fields);
  return {
    definition,
    kind: names.kind,
    namespace: names.namespace,
    prefix: names.typePrefix,
    own: Object.fromEntries(fields.map(([name, field]) => [name, sampleValue(name, field)])),
    textPaths: fields.flatMap(([name, field]) => textPath(name, field) ?? []),
    partner: { partnerId: partner.id, name: partner.name, branchId: partner.branches[0]?.id ?? null },
    editor: { role: 'partner_editor', partnerId: partner.id, name: `${definition.label.zh}党务 · 测试` },
  };
}

export const testKinds: readonly TestKind[] = await Promise.all((await discoverKinds()).map(testKind));
