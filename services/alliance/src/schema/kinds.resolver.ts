import { holdsValue, kindNames } from '@hub/kinds';
import { Field, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { kindDefinitions } from '../kinds.ts';

enum KindFieldType {
  TEXT = 'TEXT',
  COUNT = 'COUNT',
  TEXTS = 'TEXTS',
  CHOICES = 'CHOICES',
}
registerEnumType(KindFieldType, { name: 'KindFieldType', description: 'How a kind’s own field holds its value' });

@ObjectType({ description: 'A text in both of the hub’s languages' })
class KindLabel {
  @Field(() => String) zh!: string;
  @Field(() => String) en!: string;
}

@ObjectType({ description: 'One value a CHOICES field may hold' })
class KindChoice {
  @Field(() => String) value!: string;
  @Field(() => KindLabel) label!: KindLabel;
}

@ObjectType({ description: 'One of a kind’s own commitment fields, with the rules its values follow' })
class KindFieldInfo {
  @Field(() => String, { description: 'The field’s name on `<Prefix>Commitment` and its input' }) name!: string;
  @Field(() => KindFieldType) type!: KindFieldType;
  @Field(() => KindLabel) label!: KindLabel;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { description: 'Always holds a value (TEXT: not empty)' }) required!: boolean;
  @Field(() => Int, { nullable: true, description: 'TEXT, TEXTS: longest text in characters' }) maxLength?: number | null;
  @Field(() => Int, { nullable: true, description: 'COUNT: largest value' }) max?: number | null;
  @Field(() => Int, { nullable: true, description: 'TEXTS: most entries' }) maxItems?: number | null;
  @Field(() => [KindChoice], { description: 'CHOICES: the values, in order' }) choices!: KindChoice[];
}

@ObjectType({ description: '共建单位类型: a kind of partner organization the hub federates, as its folder defines it' })
class PartnerKindInfo {
  @Field(() => String, { description: 'The value of PartnerKind: its folder name in upper case, words joined by _' }) kind!: string;
  @Field(() => String, { description: 'Its subgraph: its folder name, lower-case words joined by -' }) subgraph!: string;
  @Field(() => String, { description: 'Prefix of its types: the folder name in PascalCase (<Prefix>Commitment)' }) typePrefix!: string;
  @Field(() => String, { description: 'Its root field for reads and writes: the folder name in camelCase' }) namespace!: string;
  @Field(() => KindLabel) label!: KindLabel;
  @Field(() => String) description!: string;
  @Field(() => String, { description: 'Its colour on the wall (CSS)' }) color!: string;
  @Field(() => String, { nullable: true, description: 'The field saying where an item happens' }) placeField?: string | null;
  @Field(() => [KindFieldInfo]) fields!: KindFieldInfo[];
}

const infos: PartnerKindInfo[] = kindDefinitions.map((definition) => {
  const names = kindNames(definition.name);
  return {
    kind: names.kind,
    subgraph: names.subgraph,
    typePrefix: names.typePrefix,
    namespace: names.namespace,
    label: definition.label,
    description: definition.description,
    color: definition.color,
    placeField: definition.placeField ?? null,
    fields: Object.entries(definition.fields).map(([name, field]) => ({
      name,
      type: field.type.toUpperCase() as KindFieldType,
      label: field.label,
      description: field.description ?? null,
      required: holdsValue(field),
      maxLength: 'maxLength' in field ? field.maxLength : null,
      max: field.type === 'count' ? field.max : null,
      maxItems: field.type === 'texts' ? field.maxItems : null,
      choices: field.type === 'choices' ? Object.entries(field.values).map(([value, label]) => ({ value, label })) : [],
    })),
  };
});

@Resolver()
export class KindsResolver {
  @Query(() => [PartnerKindInfo], {
    description: 'The kinds of partner the hub federates, with their own fields: clients build forms and details from them',
  })
  partnerKinds(): PartnerKindInfo[] {
    return infos;
  }
}
