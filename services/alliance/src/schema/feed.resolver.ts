import { badInput } from '@hub/subgraph-kit';
import { Arg, Ctx, Directive, Field, ID, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { AllianceContext } from '../context.ts';
import type { AllianceEventRow } from '../entities.ts';
import { isEventCursor } from '../event-hub.ts';

/**
 * The feed of every alliance's events, for the gateway's response cache: each event names the
 * alliance whose views it changes, so the gateway drops exactly those cached answers. Not part
 * of the federated API (`@inaccessible`): only a caller holding an internal identity reaches it,
 * directly at this subgraph.
 */

@Directive('@inaccessible')
@ObjectType({ description: 'One event of any alliance: where it is in the feed and whose views it changes' })
export class FeedEvent {
  @Field(() => String) cursor!: string;
  @Field(() => ID) allianceId!: string;
  @Field(() => String, { description: 'list, activity, …' }) topic!: string;
}

@Resolver()
export class FeedResolver {
  @Directive('@inaccessible')
  @Query(() => String, { description: 'The newest event’s cursor: subscribe to eventFeed after it to miss nothing from now on' })
  eventFeedHead(@Ctx() ctx: AllianceContext): Promise<string> {
    return ctx.events.currentCursor(ctx.em);
  }

  @Directive('@inaccessible')
  @Subscription(() => FeedEvent, {
    description: 'Every alliance’s events after `after`, in order',
    subscribe: async ({ args, context }) => {
      const { after } = args as { after: string };
      if (!isEventCursor(after)) {
        throw badInput('after is not a cursor of this feed', 'after');
      }
      await (context as AllianceContext).events.assertResumable(after);
      return (context as AllianceContext).events.stream(null, null, after);
    },
  })
  eventFeed(@Arg('after', () => String) _after: string, @Root() row: AllianceEventRow): FeedEvent {
    return { cursor: String(row.seq), allianceId: row.allianceId, topic: row.topic };
  }
}
