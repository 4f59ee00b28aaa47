import { Commitment, CommitmentInputBase, JointActivity, Partner, PartyBranch } from '@hub/contracts';
import { Directive, Field, InputType, ObjectType } from 'type-graphql';

@ObjectType('UniversityPartner', { implements: Partner, description: '高校 / 研究所' })
@Directive('@key(fields: "id")')
export class UniversityPartner extends Partner {}

@ObjectType('UniversityBranch', { implements: PartyBranch })
@Directive('@key(fields: "id")')
export class UniversityBranch extends PartyBranch {}

@ObjectType('UniversityCommitment', { implements: Commitment })
@Directive('@key(fields: "id")')
export class UniversityCommitment extends Commitment {
  @Field(() => String, { description: 'The institute responsible, e.g. 交通工程研究所' }) institute!: string;
  @Field(() => String, { nullable: true, description: 'Research topic of the joint work (科研攻关方向)' }) researchTopic?: string | null;
}

@ObjectType('UniversityActivity', { implements: JointActivity })
@Directive('@key(fields: "id")')
export class UniversityActivity extends JointActivity {}

@InputType('UniversityCommitmentInput')
export class UniversityCommitmentInput extends CommitmentInputBase {
  @Field(() => String, { nullable: true }) institute?: string | null;
  @Field(() => String, { nullable: true }) researchTopic?: string | null;
}
