import { Commitment, CommitmentInputBase, JointActivity, Partner, PartyBranch } from '@hub/contracts';
import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('EnterprisePartner', { implements: Partner, description: '企业 / 项目部' })
@Directive('@key(fields: "id")')
export class EnterprisePartner extends Partner {}

@ObjectType('EnterpriseBranch', { implements: PartyBranch, description: 'A project-site branch, often a 工地兼合党支部' })
@Directive('@key(fields: "id")')
export class EnterpriseBranch extends PartyBranch {}

@ObjectType('EnterpriseCommitment', { implements: Commitment })
@Directive('@key(fields: "id")')
export class EnterpriseCommitment extends Commitment {
  @Field(() => String, { description: 'The construction project, e.g. 沈海高速宁海段改扩建工程' }) project!: string;
  @Field(() => String, { nullable: true, description: 'The site or section (工段)' }) site?: string | null;
  @Field(() => Int, { description: '党员先锋岗 set up for this item' }) pioneerPosts!: number;
  @Field(() => [String], { description: '党员责任区 covering this item' }) responsibilityZones!: string[];
}

@ObjectType('EnterpriseActivity', { implements: JointActivity })
@Directive('@key(fields: "id")')
export class EnterpriseActivity extends JointActivity {}

@InputType('EnterpriseCommitmentInput')
export class EnterpriseCommitmentInput extends CommitmentInputBase {
  @Field(() => String, { nullable: true }) project?: string | null;
  @Field(() => String, { nullable: true }) site?: string | null;
  @Field(() => Int, { nullable: true }) pioneerPosts?: number | null;
  @Field(() => [String], { nullable: true }) responsibilityZones?: string[] | null;
}
