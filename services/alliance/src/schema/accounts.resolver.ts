import { type PartnerKind, PartnerKindScalar } from '@hub/contracts';
import { DateTimeResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { accountView, editorAccounts, issueEditorAccount } from '../accounts.ts';
import type { AllianceContext } from '../context.ts';
import { PartnerRef } from './types.ts';

@ObjectType({ description: '编辑账号: the login a partner’s editor signs in with (partner_editor of that partner)' })
export class EditorAccount {
  @Field(() => String, { description: 'The sign-in name, the token’s subject' }) login!: string;
  @Field(() => String, { description: 'Display name, shown in histories (e.g. 改扩建项目部党务 · 张伟)' }) name!: string;
  @Field(() => ID) partnerId!: string;
  @Field(() => PartnerKindScalar) kind!: PartnerKind;
  @Field(() => PartnerRef, { nullable: true, description: 'The partner as its own subgraph knows it' }) partner?: PartnerRef | null;
  @Field(() => DateTimeResolver) issuedAt!: Date;
  @Field(() => String, { description: 'Who issued it (the coordinator’s name, or seed)' }) issuedBy!: string;
}

@InputType({ description: 'An editor account for a member partner' })
export class EditorAccountInput {
  @Field(() => ID) partnerId!: string;
  @Field(() => PartnerKindScalar, { description: 'The partner’s kind, as its membership records it' }) kind!: PartnerKind;
  @Field(() => String, { description: '3–40 lower-case letters, digits and single dashes, starting with a letter; unique' }) login!: string;
  @Field(() => String, { description: 'Display name, 1–100 characters' }) name!: string;
}

/** The coordinator's editor accounts: issue one to a member partner, list them. */
@Resolver()
export class AccountsResolver {
  @Mutation(() => EditorAccount, {
    description: 'Issue an editor account to a partner that is a member of an alliance (coordinator); its editor then signs in with it',
  })
  async issueEditorAccount(@Arg('input', () => EditorAccountInput) input: EditorAccountInput, @Ctx() ctx: AllianceContext) {
    return accountView(await issueEditorAccount(ctx, input));
  }

  @Query(() => [EditorAccount], {
    description: 'Editor accounts of one partner, or of all when partnerId is omitted, by login (coordinator)',
  })
  async editorAccounts(@Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null, @Ctx() ctx: AllianceContext) {
    return (await editorAccounts(ctx, partnerId)).map(accountView);
  }
}
