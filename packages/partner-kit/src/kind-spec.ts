import { Commitment, CommitmentInputBase, JointActivity, Need, Partner, PartyBranch, Resource } from '@hub/contracts';
import { fieldDefault, holdsValue, type KindDefinition, type KindField, kindInputSchema, kindNames } from '@hub/kinds';
import { badInput } from '@hub/subgraph-kit';
import type { EntitySchemaProperty } from '@mikro-orm/postgresql';
import { Directive, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { CommitmentRow } from './entities.ts';
import type { PartnerKindSpec } from './spec.ts';

type ClassType = new (...args: any[]) => any;
type BaseClass = abstract new (...args: any[]) => any;

/** A class named `name` extending `base`, for type-graphql to decorate (the name shows in stack traces). */
function namedClass(name: string, base: BaseClass): ClassType {
  const created = class extends base {};
  Object.defineProperty(created, 'name', { value: name });
  return created;
}

/** An entity type of the kind implementing a contract interface, with its @key. */
function entityType(name: string, contract: BaseClass, description?: string): ClassType {
  const type = namedClass(name, contract);
  Directive('@key(fields: "id")')(type);
  ObjectType(name, { implements: contract, ...(description ? { description } : {}) })(type);
  return type;
}

/** The GraphQL type of a field's value (outputs and inputs alike), registering its enum once. */
function valueType(field: KindField, prefix: string): () => unknown {
  switch (field.type) {
    case 'text':
      return () => String;
    case 'count':
      return () => Int;
    case 'texts':
      return () => [String];
    case 'choices': {
      const values = Object.fromEntries(Object.keys(field.values).map((value) => [value, value]));
      registerEnumType(values, {
        name: `${prefix}${field.enumName}`,
        description: field.label.zh,
        valuesConfig: Object.fromEntries(Object.entries(field.values).map(([value, label]) => [value, { description: label.zh }])),
      });
      return () => [values];
    }
  }
}

function column(field: KindField): EntitySchemaProperty<unknown, CommitmentRow> {
  switch (field.type) {
    case 'text':
      return field.required
        ? { type: 'string', length: field.maxLength, default: '' }
        : { type: 'string', length: field.maxLength, nullable: true };
    case 'count':
      return field.required ? { type: 'integer', default: 0 } : { type: 'integer', nullable: true };
    case 'texts':
    case 'choices':
      return { type: 'json' };
  }
}

/**
 * Everything a partner subgraph needs of its kind, built from the kind's definition: the GraphQL
 * types (`<Prefix>Partner`, `…Branch`, `…Activity`, `…Need`, `…Resource`, and `…Commitment` with the kind's own fields),
 * the input type, the columns, the validation of the kind's fields and their initial values.
 */
export function partnerSpec(definition: KindDefinition, migrations: PartnerKindSpec['migrations']): PartnerKindSpec {
  const names = kindNames(definition.name);
  const prefix = names.typePrefix;
  const CommitmentType = entityType(`${prefix}Commitment`, Commitment);
  const CommitmentInput = namedClass(`${prefix}CommitmentInput`, CommitmentInputBase);
  const commitmentColumns: Record<string, EntitySchemaProperty<unknown, CommitmentRow>> = {};
  const creationDefaults: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(definition.fields)) {
    const type = valueType(field, prefix);
    const nullable = !holdsValue(field);
    const description = field.description ?? `${field.label.zh} (${field.label.en})`;
    Field(type as () => ClassType, { nullable, description })(CommitmentType.prototype, name);
    Field(type as () => ClassType, { nullable: true })(CommitmentInput.prototype, name);
    commitmentColumns[name] = column(field);
    creationDefaults[name] = fieldDefault(field);
  }
  InputType(`${prefix}CommitmentInput`)(CommitmentInput);
  const rules = kindInputSchema(definition);

  return {
    kind: names.kind,
    subgraph: names.subgraph,
    namespace: names.namespace,
    definition,
    types: {
      Partner: entityType(`${prefix}Partner`, Partner, definition.description),
      Branch: entityType(`${prefix}Branch`, PartyBranch),
      Commitment: CommitmentType,
      Activity: entityType(`${prefix}Activity`, JointActivity),
      Need: entityType(`${prefix}Need`, Need),
      Resource: entityType(`${prefix}Resource`, Resource),
    },
    CommitmentInput,
    commitmentColumns,
    creationDefaults,
    extraColumns(input) {
      const given = Object.fromEntries(Object.entries(input).filter(([name, value]) => name in definition.fields && value !== undefined));
      const parsed = rules.safeParse(given);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = String(issue?.path[0] ?? 'input');
        throw badInput(`${field} ${issue?.message ?? 'is not valid'}`, field);
      }
      return Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));
    },
    migrations,
  };
}
