import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AllianceContext } from '../context.ts';
import type { AllianceRow } from '../entities.ts';
import { Alliance } from '../schema/types.ts';
import { completionOverTime, maxWeeks } from './completion-over-time.ts';
import { CompletionPoint } from './types.ts';

/** What the wall's overview board reads of an alliance beside its board: the burn-up of its joint list. */
@Resolver(() => Alliance)
export class AllianceOverviewFields {
  @FieldResolver(() => [CompletionPoint], {
    description: `Completion over time (burn-up): per week since the alliance was founded, the items on its joint list and those completed, cumulative (withdrawn items left out; the latest ${maxWeeks} weeks)`,
  })
  completionOverTime(@Root() alliance: AllianceRow, @Ctx() ctx: AllianceContext) {
    return completionOverTime(ctx.em, alliance.id);
  }
}
