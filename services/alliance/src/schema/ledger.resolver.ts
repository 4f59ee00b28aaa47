import { lightThresholdRange } from '@hub/contracts';
import { assertId, badInput, notFound } from '@hub/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { type AllianceContext, requireCoordinator, seesRemindersOf } from '../context.ts';
import { Alliance as AllianceEntity, type AllianceRow, type CommitmentIndexRow } from '../entities.ts';
import { appendEvents, lockEventOrder } from '../event-log.ts';
import { judgeAllianceAgain } from '../lights.ts';
import { Alliance, CommitmentRef, LightThresholds, LightThresholdsInput } from './types.ts';

function thresholdDays(value: number, field: string): number {
  if (!Number.isInteger(value) || value < lightThresholdRange.min || value > lightThresholdRange.max) {
    throw badInput(`${field} must be a whole number of days from ${lightThresholdRange.min} to ${lightThresholdRange.max}`, field);
  }
  return value;
}

/** The alliance's traffic-light thresholds, and the coordinator's setting of them. */
@Resolver(() => Alliance)
export class LightThresholdsResolver {
  @FieldResolver(() => LightThresholds, { description: 'The thresholds of the items’ traffic lights (set by the coordinator)' })
  lightThresholds(@Root() alliance: AllianceRow): LightThresholds {
    return { dueSoonDays: alliance.dueSoonDays, staleDays: alliance.staleDays };
  }

  @Mutation(() => Alliance, {
    description: 'Set the traffic-light thresholds of an alliance (coordinator); every open item’s light is judged again at once',
  })
  async setLightThresholds(
    @Arg('allianceId', () => ID) allianceId: string,
    @Arg('input', () => LightThresholdsInput) input: LightThresholdsInput,
    @Ctx() ctx: AllianceContext,
  ) {
    requireCoordinator(ctx.viewer);
    const id = assertId(allianceId, 'allianceId');
    const thresholds = {
      dueSoonDays: thresholdDays(input.dueSoonDays, 'dueSoonDays'),
      staleDays: thresholdDays(input.staleDays, 'staleDays'),
    };
    return ctx.em.transactional(async (em) => {
      await lockEventOrder(em);
      const alliance = await em.findOne(AllianceEntity, { id });
      if (!alliance) {
        throw notFound('Alliance', id);
      }
      Object.assign(alliance, thresholds);
      await em.flush();
      await judgeAllianceAgain(em, id, thresholds, new Date());
      // The alliance itself changed: views (and cached answers) showing its thresholds follow.
      await appendEvents(em, [{ allianceId: id, topic: 'alliance', entityId: id, kind: '', action: 'UPDATED' }]);
      return alliance;
    });
  }
}

/** What the alliance adds to every item of the list: its count of reminders. */
@Resolver(() => CommitmentRef)
export class CommitmentLedgerFields {
  @FieldResolver(() => Int, { nullable: true })
  async reminderCount(@Root() item: CommitmentIndexRow, @Ctx() ctx: AllianceContext): Promise<number | null> {
    if (!item.partnerId || !seesRemindersOf(ctx.viewer, item.partnerId)) {
      return null;
    }
    return ctx.loaders.reminderCountOfCommitment.load(item.id);
  }
}
