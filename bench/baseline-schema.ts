import { buildSchema, type GraphQLSchema } from 'graphql';
import type { Broadcaster } from './broadcaster.ts';

/**
 * The slice of the hub's API that the benchmark's subscription selects, with the same field
 * names and nesting (enums as strings: they serialise the same). Every subscriber executes its
 * selection over each broadcast payload, as graphql-js does for any plain subscription.
 */
const sdl = /* GraphQL */ `
  type Query {
    ok: Boolean
  }
  type Subscription {
    coBuildingListChanged(allianceId: ID!, after: String): CoBuildingListChange!
  }
  type CoBuildingListChange {
    cursor: String!
    allianceId: ID!
    action: String!
    commitmentId: ID!
    occurredAt: String!
    commitment: Commitment
  }
  interface Commitment {
    id: ID!
    title: String!
    status: String!
    progress: Int!
  }
  type TrafficPoliceCommitment implements Commitment {
    id: ID!
    title: String!
    status: String!
    progress: Int!
    roadSection: String!
    guarantees: [String!]!
    branch: PartyBranch
  }
  type PartyBranch {
    id: ID
    name: String!
  }
`;

/** A schema whose `coBuildingListChanged` streams what `events` broadcasts (the change object itself). */
export function createBaselineSchema(events: Broadcaster<unknown>): GraphQLSchema {
  const schema = buildSchema(sdl);
  const field = schema.getSubscriptionType()?.getFields().coBuildingListChanged;
  if (!field) {
    throw new Error('the baseline schema lacks Subscription.coBuildingListChanged');
  }
  field.subscribe = () => events.listen();
  field.resolve = (change: unknown) => change;
  return schema;
}
