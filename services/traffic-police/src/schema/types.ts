import { Commitment, CommitmentInputBase, JointActivity, Partner, PartyBranch } from '@hub/contracts';
import { Directive, Field, InputType, ObjectType, registerEnumType } from 'type-graphql';

/** 九方六保: the six guarantees traffic police and law enforcement give a widening project. */
export enum Guarantee {
  SAFETY = 'SAFETY',
  TRAFFIC_FLOW = 'TRAFFIC_FLOW',
  QUALITY = 'QUALITY',
  SCHEDULE = 'SCHEDULE',
  REVENUE = 'REVENUE',
  CLOSED_LOOP = 'CLOSED_LOOP',
}

/** 四统四联: the four unified standards and joint actions (together 联勤联动). */
export enum JointAction {
  /** 统一标准·联合检查 */
  STANDARDS_INSPECTION = 'STANDARDS_INSPECTION',
  /** 统一审批·联合监管 */
  APPROVAL_SUPERVISION = 'APPROVAL_SUPERVISION',
  /** 统一指挥·联合处置 */
  COMMAND_RESPONSE = 'COMMAND_RESPONSE',
  /** 统一载体·联合协同 */
  CARRIER_COORDINATION = 'CARRIER_COORDINATION',
}

registerEnumType(Guarantee, { name: 'Guarantee', description: '九方六保: 保安全, 保畅通, 保质量, 保进度, 保营收, 保闭环' });
registerEnumType(JointAction, { name: 'JointAction', description: '四统四联 joint actions' });

@ObjectType('TrafficPolicePartner', { implements: Partner, description: '高速交警 / 高速执法 unit' })
@Directive('@key(fields: "id")')
export class TrafficPolicePartner extends Partner {}

@ObjectType('TrafficPoliceBranch', { implements: PartyBranch })
@Directive('@key(fields: "id")')
export class TrafficPoliceBranch extends PartyBranch {}

@ObjectType('TrafficPoliceCommitment', { implements: Commitment })
@Directive('@key(fields: "id")')
export class TrafficPoliceCommitment extends Commitment {
  @Field(() => String, { description: 'Road section covered, e.g. G15 宁海段 K1520-K1535' }) roadSection!: string;
  @Field(() => [Guarantee], { description: '九方六保 guarantees this item serves' }) guarantees!: Guarantee[];
  @Field(() => [JointAction], { description: '四统四联 joint actions involved' }) jointActions!: JointAction[];
}

@ObjectType('TrafficPoliceActivity', { implements: JointActivity })
@Directive('@key(fields: "id")')
export class TrafficPoliceActivity extends JointActivity {}

@InputType('TrafficPoliceCommitmentInput')
export class TrafficPoliceCommitmentInput extends CommitmentInputBase {
  @Field(() => String, { nullable: true }) roadSection?: string | null;
  @Field(() => [Guarantee], { nullable: true }) guarantees?: Guarantee[] | null;
  @Field(() => [JointAction], { nullable: true }) jointActions?: JointAction[] | null;
}
