import { randomUUID } from 'node:crypto';
import { hubDay } from '@hub/contracts';
import { assertId, badInput } from '@hub/subgraph-kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver, registerEnumType } from 'type-graphql';
import { type AllianceContext, requireCoordinator } from '../context.ts';
import { JointMeeting as JointMeetingEntity, Membership } from '../entities.ts';
import { admissionValues, existingAlliance, meetingValues } from './coordinator.resolver.ts';
import { AdmitPartnerInput, JointMeetingInput } from './types.ts';

/**
 * 导入联盟数据: the coordinator's own data of an alliance (its members with their liaisons, its
 * joint meetings) from a file, all or nothing. Each row is checked as admitPartner and
 * conveneJointMeeting check one (admissionValues, meetingValues), but every problem of every row
 * is reported. A partner already a member, or a meeting with the same title on the same day,
 * is that row: importing a file again creates nothing new.
 */

/** Most rows of each list one import takes. */
const maxRows = 2000;

export enum AllianceImportOutcome {
  CREATE = 'CREATE',
  EXISTS = 'EXISTS',
  INVALID = 'INVALID',
}
registerEnumType(AllianceImportOutcome, {
  name: 'AllianceImportOutcome',
  description: 'CREATE: new (in a dry run: would be); EXISTS: already a member / the same meeting on that day; INVALID: see its issues',
});

@InputType({ description: 'One member row of an alliance import: a partner registered in its kind’s subgraph, and its liaison' })
export class AllianceMemberImportRow {
  @Field(() => Int, { description: 'The row’s line in the caller’s file, echoed in the report' }) line!: number;
  @Field(() => AdmitPartnerInput) member!: AdmitPartnerInput;
}

@InputType({ description: 'One joint meeting row of an alliance import' })
export class JointMeetingImportRow {
  @Field(() => Int, { description: 'The row’s line in the caller’s file, echoed in the report' }) line!: number;
  @Field(() => JointMeetingInput) meeting!: JointMeetingInput;
}

@InputType()
export class AllianceImportInput {
  @Field(() => [AllianceMemberImportRow], { defaultValue: [] }) members!: AllianceMemberImportRow[];
  @Field(() => [JointMeetingImportRow], { defaultValue: [] }) meetings!: JointMeetingImportRow[];
}

/** Codes: REQUIRED, TOO_LONG, TOO_MANY, UNSTORABLE_TEXT, BAD_ID, BAD_DATE, UNKNOWN_KIND, DUPLICATE_IN_FILE, INVALID. */
@ObjectType({ description: 'A problem of one field of an imported row of alliance data' })
export class AllianceImportIssue {
  @Field(() => String, { description: 'The input field (partnerId, kind, name, liaisonName, title, heldAt, …)' }) field!: string;
  @Field(() => String, {
    description: 'REQUIRED, TOO_LONG, TOO_MANY, UNSTORABLE_TEXT, BAD_ID, BAD_DATE, UNKNOWN_KIND, DUPLICATE_IN_FILE, INVALID',
  })
  code!: string;
  @Field(() => String) message!: string;
  @Field(() => Int, { nullable: true, description: 'The limit broken, or the line a duplicate repeats' }) limit?: number | null;
}

@ObjectType({ description: 'What an alliance import does with one row' })
export class AllianceImportRowResult {
  @Field(() => Int) line!: number;
  @Field(() => AllianceImportOutcome) outcome!: AllianceImportOutcome;
  @Field(() => [AllianceImportIssue]) issues!: AllianceImportIssue[];
}

@ObjectType({ description: 'The result of importing an alliance’s own data; applied only when no row is invalid and it was not a dry run' })
export class AllianceImportReport {
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => Boolean, { description: 'Whether the new rows were written (all of them, in one transaction)' }) applied!: boolean;
  @Field(() => Int) created!: number;
  @Field(() => Int) existing!: number;
  @Field(() => Int) invalid!: number;
  @Field(() => [AllianceImportRowResult]) members!: AllianceImportRowResult[];
  @Field(() => [AllianceImportRowResult]) meetings!: AllianceImportRowResult[];
}

type Issue = AllianceImportIssue;

/** A shared check's BAD_USER_INPUT as an issue: the check says its reason and limit (`badInput`). */
function issueOf(error: unknown): Issue {
  const { message, extensions } = error as GraphQLError;
  const limit = typeof extensions?.limit === 'number' ? extensions.limit : null;
  return { field: String(extensions?.field ?? 'input'), code: String(extensions?.reason ?? 'INVALID'), message, limit };
}

/** Runs a shared check; its values, or the issue it raised. */
function checked<T>(check: () => T): { values: T | null; issues: Issue[] } {
  try {
    return { values: check(), issues: [] };
  } catch (error) {
    if ((error as GraphQLError).extensions?.code !== 'BAD_USER_INPUT') {
      throw error;
    }
    return { values: null, issues: [issueOf(error)] };
  }
}

/** A meeting is the same meeting when its title (spaces and case aside) and its day in the hub's zone match. */
function meetingKey(title: string, heldAt: Date): string {
  return `${title.normalize('NFKC').replace(/\s+/g, '').toLowerCase()}\u0000${hubDay(heldAt)}`;
}

@Resolver()
export class AllianceImportResolver {
  @Mutation(() => AllianceImportReport, {
    description:
      '导入联盟数据 (coordinator): members with their liaisons and joint meetings, checked as admitPartner and conveneJointMeeting check them; dryRun (the default) only reports; otherwise every new row is written in one transaction, or none when any row is invalid',
  })
  async importAllianceData(
    @Arg('allianceId', () => ID) allianceId: string,
    @Arg('input', () => AllianceImportInput) input: AllianceImportInput,
    @Arg('dryRun', () => Boolean, { defaultValue: true }) dryRun: boolean,
    @Ctx() ctx: AllianceContext,
  ): Promise<AllianceImportReport> {
    requireCoordinator(ctx.viewer);
    const alliance = await existingAlliance(ctx, allianceId);
    if (input.members.length > maxRows || input.meetings.length > maxRows) {
      throw badInput(`An import takes at most ${maxRows} members and ${maxRows} meetings`, 'input');
    }

    const memberIds = input.members.flatMap(({ member }) => checked(() => assertId(member.partnerId, 'partnerId')).values ?? []);
    const members = new Set(
      (await ctx.em.find(Membership, { allianceId: alliance.id, partnerId: { $in: memberIds } })).map((row) => row.partnerId),
    );
    const meetings = new Set(
      (await ctx.em.find(JointMeetingEntity, { allianceId: alliance.id })).map((row) => meetingKey(row.title, row.heldAt)),
    );

    const memberLines = new Map<string, number>();
    const memberRows = input.members.map(({ line, member }) => {
      const { values, issues } = checked(() => admissionValues(member));
      const first = values ? memberLines.get(values.partnerId) : undefined;
      if (values && first !== undefined) {
        issues.push({ field: 'partnerId', code: 'DUPLICATE_IN_FILE', message: `Repeats line ${first}`, limit: first });
      } else if (values) {
        memberLines.set(values.partnerId, line);
      }
      return { line, values: issues.length === 0 ? values : null, issues, exists: values ? members.has(values.partnerId) : false };
    });
    const meetingLines = new Map<string, number>();
    const meetingRows = input.meetings.map(({ line, meeting }) => {
      const { values, issues } = checked(() => meetingValues(meeting));
      const key = values ? meetingKey(values.title, values.heldAt) : '';
      const first = meetingLines.get(key);
      if (values && first !== undefined) {
        issues.push({ field: 'title', code: 'DUPLICATE_IN_FILE', message: `Repeats line ${first}`, limit: first });
      } else if (values) {
        meetingLines.set(key, line);
      }
      return { line, values: issues.length === 0 ? values : null, issues, exists: meetings.has(key) };
    });

    const all = [...memberRows, ...meetingRows];
    const outcome = (row: (typeof all)[number]) =>
      row.issues.length > 0 ? AllianceImportOutcome.INVALID : row.exists ? AllianceImportOutcome.EXISTS : AllianceImportOutcome.CREATE;
    const invalid = all.filter((row) => outcome(row) === AllianceImportOutcome.INVALID).length;
    const applied = !dryRun && invalid === 0;
    if (applied) {
      const convenedBy = ctx.viewer.name ?? ctx.viewer.subject;
      await ctx.em.transactional(async (em: EntityManager) => {
        for (const row of memberRows) {
          if (row.values && !row.exists) {
            em.create(Membership, { id: randomUUID(), allianceId: alliance.id, ...row.values });
          }
        }
        for (const row of meetingRows) {
          if (row.values && !row.exists) {
            em.create(JointMeetingEntity, { id: randomUUID(), allianceId: alliance.id, ...row.values, convenedBy });
          }
        }
      });
    }
    const view = (row: (typeof all)[number]) => ({ line: row.line, outcome: outcome(row), issues: row.issues });
    return {
      dryRun,
      applied,
      created: all.filter((row) => outcome(row) === AllianceImportOutcome.CREATE).length,
      existing: all.filter((row) => outcome(row) === AllianceImportOutcome.EXISTS).length,
      invalid,
      members: memberRows.map(view),
      meetings: meetingRows.map(view),
    };
  }
}
