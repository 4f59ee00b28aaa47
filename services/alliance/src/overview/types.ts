import { DateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a member is, for the wall’s map: a point in WGS 84 degrees, and the place in words' })
export class MemberLocation {
  @Field(() => Float, { description: 'Degrees east, −180 to 180' }) longitude!: number;
  @Field(() => Float, { description: 'Degrees north, −90 to 90' }) latitude!: number;
  @Field(() => String, { nullable: true, description: 'The place in words (县, 街道, 镇)' }) place?: string | null;
}

@ObjectType({ description: 'One week of the joint list’s completion over time (a burn-up), counted to the end of the week' })
export class CompletionPoint {
  @Field(() => DateResolver, { description: 'The week’s Monday, on the hub’s days (China Standard Time)' }) week!: string;
  @Field(() => Int, { description: 'Items published by the week’s end, withdrawn items left out' }) listed!: number;
  @Field(() => Int, { description: 'Of them, those completed by the week’s end' }) completed!: number;
}
