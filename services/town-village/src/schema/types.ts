import { Commitment, CommitmentInputBase, JointActivity, Partner, PartyBranch } from '@hub/contracts';
import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('TownVillagePartner', { implements: Partner, description: '镇村 / 社区 / 征迁指挥部' })
@Directive('@key(fields: "id")')
export class TownVillagePartner extends Partner {}

@ObjectType('TownVillageBranch', { implements: PartyBranch })
@Directive('@key(fields: "id")')
export class TownVillageBranch extends PartyBranch {}

@ObjectType('TownVillageCommitment', { implements: Commitment })
@Directive('@key(fields: "id")')
export class TownVillageCommitment extends Commitment {
  @Field(() => String, { description: 'The village or community served (村 / 社区)' }) village!: string;
  @Field(() => Int, { nullable: true, description: 'Households served (服务户数)' }) householdsServed?: number | null;
  @Field(() => [String], { description: 'Land-acquisition tasks (征迁任务): land, graves, pipelines…' }) landAcquisitionTasks!: string[];
}

@ObjectType('TownVillageActivity', { implements: JointActivity })
@Directive('@key(fields: "id")')
export class TownVillageActivity extends JointActivity {}

@InputType('TownVillageCommitmentInput')
export class TownVillageCommitmentInput extends CommitmentInputBase {
  @Field(() => String, { nullable: true }) village?: string | null;
  @Field(() => Int, { nullable: true }) householdsServed?: number | null;
  @Field(() => [String], { nullable: true }) landAcquisitionTasks?: string[] | null;
}
