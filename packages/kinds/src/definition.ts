/**
 * A partner kind (共建单位类型: a contractor's project, a township, a hospital…) is one folder,
 * `services/<name>/`, whose `src/kind.ts` exports a `KindDefinition`: plain data, read by the
 * kind's own subgraph, the alliance, the scripts, the tests, infra and (over the API) the web
 * app. Nothing else in the repository names a kind.
 */

/** A text in both of the hub's languages. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

interface FieldBase {
  readonly label: Label;
  /** Shown in the API's schema. */
  readonly description?: string;
}

/**
 * One of the kind's own commitment fields. `required` fields always hold a value (an empty text
 * or 0 until set); the others may be null.
 */
export type KindField =
  | (FieldBase & { readonly type: 'text'; readonly maxLength: number; readonly required?: boolean })
  | (FieldBase & { readonly type: 'count'; readonly max: number; readonly required?: boolean })
  | (FieldBase & { readonly type: 'texts'; readonly maxItems: number; readonly maxLength: number })
  | (FieldBase & {
      readonly type: 'choices';
      /** The GraphQL enum's name without the kind's prefix: `Guarantee` → `<TypePrefix>Guarantee`. */
      readonly enumName: string;
      readonly values: Readonly<Record<string, Label>>;
    });

export interface KindDefinition {
  /** The folder and subgraph name, lower-case with dashes: every other name derives from it. */
  readonly name: string;
  readonly label: Label;
  /** What organizations of this kind are, for the API's schema. */
  readonly description: string;
  /** Development port of its subgraph (the gateway's port + an offset no other kind uses). */
  readonly port: number;
  /** Its colour on the wall (a CSS colour). */
  readonly color: string;
  /** The field that says where a commitment happens (shown in lists), if any. */
  readonly placeField?: string;
  readonly fields: Readonly<Record<string, KindField>>;
}

/** The names a kind goes by, all derived from its folder name. */
export interface KindNames {
  /** `<name>` (e.g. `road-works`): folder, subgraph, service. */
  readonly subgraph: string;
  /** `<NAME>` (`ROAD_WORKS`): the value of `PartnerKind` in the API and in the databases. */
  readonly kind: string;
  /** `<TypePrefix>` (`RoadWorks`): prefix of its GraphQL types (`RoadWorksCommitment`). */
  readonly typePrefix: string;
  /** `<namespace>` (`roadWorks`): its root field (`mutation { roadWorks { … } }`). */
  readonly namespace: string;
  /** `<database>` (`road_works`): its database. */
  readonly database: string;
  /** `relay:<name>` (`relay:road-works`): the caller name its outbox relay signs as. */
  readonly relayCaller: string;
}

const namePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const fieldNamePattern = /^[a-z][A-Za-z0-9]*$/;
const enumValuePattern = /^[A-Z][A-Z0-9_]*$/;

export function kindNames(name: string): KindNames {
  const words = name.split('-');
  const capitalized = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1));
  return {
    subgraph: name,
    kind: words.join('_').toUpperCase(),
    typePrefix: capitalized.join(''),
    namespace: words[0] + capitalized.slice(1).join(''),
    database: words.join('_'),
    relayCaller: `relay:${name}`,
  };
}

/** Checks a definition's names and fields; throws naming the first problem. Returns it unchanged. */
export function defineKind<T extends KindDefinition>(definition: T): T {
  const problem = definitionProblem(definition);
  if (problem) {
    throw new Error(`Kind ${definition.name}: ${problem}`);
  }
  return definition;
}

function definitionProblem(definition: KindDefinition): string | null {
  // "gateway" is the issuer name of the gateway's signed identities; "alliance" is the alliance's subgraph.
  if (!namePattern.test(definition.name) || definition.name === 'alliance' || definition.name === 'gateway') {
    return 'the name must be lower-case words joined by dashes (and not "alliance" or "gateway")';
  }
  if (!Number.isInteger(definition.port) || definition.port < 1 || definition.port > 65535) {
    return 'port must be a port number';
  }
  for (const [name, field] of Object.entries(definition.fields)) {
    if (!fieldNamePattern.test(name)) {
      return `field ${name} must be camelCase`;
    }
    if (field.type === 'choices') {
      if (!/^[A-Z][A-Za-z0-9]*$/.test(field.enumName)) {
        return `field ${name}: enumName must be PascalCase`;
      }
      const values = Object.keys(field.values);
      if (values.length === 0 || values.some((value) => !enumValuePattern.test(value))) {
        return `field ${name}: values must be UPPER_CASE and at least one`;
      }
    }
  }
  if (definition.placeField && !definition.fields[definition.placeField]) {
    return `placeField ${definition.placeField} is not one of its fields`;
  }
  return null;
}
