import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Directive, Field, Float, ID, InputType, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { Category } from './enums.ts';

/**
 * 三张清单, the partner side (docs/three-lists.md): the `Need` and `Resource` interfaces as every
 * partner subgraph declares them (without @key, like `Commitment`; the alliance declares them
 * with @key and adds its own fields), their value types, enums and inputs. The rules of the
 * inputs are `@hub/cobuild`'s; the enums' values are the same as its `helpKinds` and `itemStatuses`.
 */

/** What kind of help a need asks for or a resource offers. */
export enum HelpKind {
  PEOPLE = 'PEOPLE',
  EXPERTISE = 'EXPERTISE',
  EQUIPMENT = 'EQUIPMENT',
  VENUE = 'VENUE',
  FUNDS = 'FUNDS',
}

/** Where a need or resource stands in its own partner's subgraph. */
export enum CobuildItemStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(HelpKind, {
  name: 'HelpKind',
  description: 'Kind of help a need asks for or a resource offers',
  valuesConfig: {
    PEOPLE: { description: '人力' },
    EXPERTISE: { description: '技术 / 专业' },
    EQUIPMENT: { description: '设备' },
    VENUE: { description: '场地' },
    FUNDS: { description: '资金' },
  },
});
registerEnumType(CobuildItemStatus, {
  name: 'CobuildItemStatus',
  description: 'Status of a need or resource: drafts stay with their partner, published ones are in the alliance’s index',
});

@ObjectType({ description: 'One kind of help with its amount, e.g. FUNDS 30000 元, PEOPLE 10 人' })
@Directive('@shareable')
export class HelpAmount {
  @Field(() => HelpKind) kind!: HelpKind;
  @Field(() => Float, { nullable: true }) amount?: number | null;
  @Field(() => String, { nullable: true }) unit?: string | null;
}

@ObjectType({ description: 'One change to a need or resource: who changed what, when, old and new value' })
@Directive('@shareable')
export class ItemChange {
  @Field(() => ID) id!: string;
  @Field(() => String) actor!: string;
  @Field(() => DateTimeResolver) at!: Date;
  @Field(() => String) field!: string;
  @Field(() => String, { nullable: true }) oldValue?: string | null;
  @Field(() => String, { nullable: true }) newValue?: string | null;
}

@InterfaceType({ description: '需求清单: what one partner asks its alliance for, owned by that partner' })
export abstract class Need {
  @Field(() => ID) id!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => ID) partnerId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Category) category!: Category;
  @Field(() => [String]) tags!: string[];
  @Field(() => String, { nullable: true }) place?: string | null;
  @Field(() => DateResolver, { nullable: true, description: 'Wanted by this day' }) wantedBy?: string | null;
  @Field(() => [HelpAmount], { description: 'The kinds of help asked for, each with its amount' }) help!: HelpAmount[];
  @Field(() => CobuildItemStatus) status!: CobuildItemStatus;
  @Field(() => DateTimeResolver, { nullable: true }) publishedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was withdrawn' }) withdrawReason?: string | null;
  @Field(() => DateTimeResolver) updatedAt!: Date;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when editing' }) version!: number;
  @Field(() => [ItemChange]) history!: ItemChange[];
}

@InterfaceType({ description: '资源清单: what one partner can offer its alliance, owned by that partner' })
export abstract class Resource {
  @Field(() => ID) id!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => ID) partnerId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Category) category!: Category;
  @Field(() => [String]) tags!: string[];
  @Field(() => String, { nullable: true }) place?: string | null;
  @Field(() => DateResolver, { nullable: true }) availableFrom?: string | null;
  @Field(() => DateResolver, { nullable: true }) availableUntil?: string | null;
  @Field(() => [HelpAmount], { description: 'The kinds of help offered, each with its amount' }) offers!: HelpAmount[];
  @Field(() => String, { nullable: true, description: 'Conditions of use (使用条件)' }) conditions?: string | null;
  @Field(() => CobuildItemStatus) status!: CobuildItemStatus;
  @Field(() => DateTimeResolver, { nullable: true }) publishedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was withdrawn' }) withdrawReason?: string | null;
  @Field(() => DateTimeResolver) updatedAt!: Date;
  @Field(() => Int, { description: 'Optimistic-lock version; pass it back when editing' }) version!: number;
  @Field(() => [ItemChange]) history!: ItemChange[];
}

@InputType({ description: 'One kind of help with its amount' })
export class HelpAmountInput {
  @Field(() => HelpKind) kind!: HelpKind;
  @Field(() => Float, { nullable: true, description: 'More than 0' }) amount?: number | null;
  @Field(() => String, { nullable: true, description: '人, 元, 天, …' }) unit?: string | null;
}

@InputType({
  description: 'Fields of a need; on update, omitted fields stay as they are (title, category and help are required in the end)',
})
export class NeedInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Category, { nullable: true }) category?: Category | null;
  @Field(() => [String], { nullable: true, description: 'At most 10' }) tags?: string[] | null;
  @Field(() => String, { nullable: true }) place?: string | null;
  @Field(() => DateResolver, { nullable: true }) wantedBy?: string | null;
  @Field(() => [HelpAmountInput], { nullable: true, description: '1 to 5 kinds of help, each once' }) help?: HelpAmountInput[] | null;
}

@InputType({
  description: 'Fields of a resource; on update, omitted fields stay as they are (title, category and offers are required in the end)',
})
export class ResourceInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Category, { nullable: true }) category?: Category | null;
  @Field(() => [String], { nullable: true, description: 'At most 10' }) tags?: string[] | null;
  @Field(() => String, { nullable: true }) place?: string | null;
  @Field(() => DateResolver, { nullable: true }) availableFrom?: string | null;
  @Field(() => DateResolver, { nullable: true }) availableUntil?: string | null;
  @Field(() => [HelpAmountInput], { nullable: true, description: '1 to 5 kinds of help, each once' }) offers?: HelpAmountInput[] | null;
  @Field(() => String, { nullable: true, description: 'Conditions of use (使用条件)' }) conditions?: string | null;
}
