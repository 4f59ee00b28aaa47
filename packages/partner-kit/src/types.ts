import { DateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Fields of a party branch; on update, omitted fields stay as they are' })
export class BranchInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true, description: '书记' }) secretary?: string | null;
  @Field(() => Int, { nullable: true }) memberCount?: number | null;
  @Field(() => DateResolver, { nullable: true }) foundedOn?: string | null;
}

@InputType({ description: 'A party group (党小组); give id to edit an existing one' })
export class GroupInput {
  @Field(() => ID, { nullable: true }) id?: string | null;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) leader?: string | null;
  @Field(() => Int) memberCount!: number;
}

@InputType({ description: 'A new organization (共建单位) of this kind, registered by the coordinator' })
export class PartnerRegistrationInput {
  @Field(() => String, { description: 'Full name, unique within its kind' }) name!: string;
  @Field(() => String, { nullable: true, description: '简称' }) shortName?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}
