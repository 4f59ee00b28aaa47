import { CobuildItemStatus, ItemChange, NeedInput, ResourceInput } from '@hub/contracts';
import { assertId } from '@hub/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import type { NeedRow, ResourceRow } from './cobuild-entities.ts';
import { createItem, type ItemInput, publishItem, updateItem, visibleItem, withdrawItem } from './cobuild-items.ts';
import { editorPartnerId, type PartnerContext } from './context.ts';
import { needs } from './needs.ts';
import { resources } from './resources.ts';
import type { PartnerKindSpec } from './spec.ts';

type ClassType = new (...args: any[]) => any;

/**
 * 三张清单's resolvers in a partner subgraph: `need`, `myNeeds`, `resource`, `myResources` in the
 * kind's `<Prefix>Queries`, the eight writes in its `<Prefix>Mutations`, the items' history, and
 * the reference resolvers of `<Prefix>Need` and `<Prefix>Resource` (drafts only for their own
 * partner's editors).
 */
export function createCobuildResolvers(spec: PartnerKindSpec, Queries: ClassType, Mutations: ClassType, prefix: string) {
  const { Need: NeedType, Resource: ResourceType } = spec.types;

  @Resolver(() => Queries)
  class CobuildQueriesResolver {
    @FieldResolver(() => NeedType, { nullable: true, description: 'A need; a draft only for its own partner’s editors' })
    async need(@Arg('id', () => ID) id: string, @Ctx() ctx: PartnerContext) {
      return visibleItem(await ctx.loaders.need.load(assertId(id)), ctx);
    }

    @FieldResolver(() => [NeedType], { description: "The signed-in editor's partner's needs, drafts included, latest change first" })
    myNeeds(@Arg('status', () => CobuildItemStatus, { nullable: true }) status: CobuildItemStatus | null, @Ctx() ctx: PartnerContext) {
      const partnerId = editorPartnerId(ctx.viewer);
      return ctx.em.find(needs.schema, { partnerId, ...(status ? { status } : {}) }, { orderBy: { updatedAt: 'desc', id: 'asc' } });
    }

    @FieldResolver(() => ResourceType, { nullable: true, description: 'A resource; a draft only for its own partner’s editors' })
    async resource(@Arg('id', () => ID) id: string, @Ctx() ctx: PartnerContext) {
      return visibleItem(await ctx.loaders.resource.load(assertId(id)), ctx);
    }

    @FieldResolver(() => [ResourceType], {
      description: "The signed-in editor's partner's resources, drafts included, latest change first",
    })
    myResources(@Arg('status', () => CobuildItemStatus, { nullable: true }) status: CobuildItemStatus | null, @Ctx() ctx: PartnerContext) {
      const partnerId = editorPartnerId(ctx.viewer);
      return ctx.em.find(resources.schema, { partnerId, ...(status ? { status } : {}) }, { orderBy: { updatedAt: 'desc', id: 'asc' } });
    }
  }

  @Resolver(() => Mutations)
  class CobuildMutationsResolver {
    @FieldResolver(() => NeedType, { description: 'Create a draft need (需求) for your own partner in one of its alliances' })
    createNeed(
      @Arg('allianceId', () => ID) allianceId: string,
      @Arg('input', () => NeedInput) input: NeedInput,
      @Ctx() ctx: PartnerContext,
    ) {
      return createItem(ctx, needs, allianceId, input as ItemInput);
    }

    @FieldResolver(() => NeedType, { description: 'Edit a draft or published need at the version you last read' })
    updateNeed(
      @Arg('id', () => ID) id: string,
      @Arg('version', () => Int) version: number,
      @Arg('input', () => NeedInput) input: NeedInput,
      @Ctx() ctx: PartnerContext,
    ) {
      return updateItem(ctx, needs, id, version, input as ItemInput);
    }

    @FieldResolver(() => NeedType, { description: 'Publish a draft need to its alliance’s 需求清单' })
    publishNeed(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: PartnerContext) {
      return publishItem(ctx, needs, id, version);
    }

    @FieldResolver(() => NeedType, { description: 'Withdraw a need, giving the reason' })
    withdrawNeed(
      @Arg('id', () => ID) id: string,
      @Arg('version', () => Int) version: number,
      @Arg('reason', () => String) reason: string,
      @Ctx() ctx: PartnerContext,
    ) {
      return withdrawItem(ctx, needs, id, version, reason);
    }

    @FieldResolver(() => ResourceType, { description: 'Create a draft resource (资源) for your own partner in one of its alliances' })
    createResource(
      @Arg('allianceId', () => ID) allianceId: string,
      @Arg('input', () => ResourceInput) input: ResourceInput,
      @Ctx() ctx: PartnerContext,
    ) {
      return createItem(ctx, resources, allianceId, input as ItemInput);
    }

    @FieldResolver(() => ResourceType, { description: 'Edit a draft or published resource at the version you last read' })
    updateResource(
      @Arg('id', () => ID) id: string,
      @Arg('version', () => Int) version: number,
      @Arg('input', () => ResourceInput) input: ResourceInput,
      @Ctx() ctx: PartnerContext,
    ) {
      return updateItem(ctx, resources, id, version, input as ItemInput);
    }

    @FieldResolver(() => ResourceType, { description: 'Publish a draft resource to its alliance’s 资源清单' })
    publishResource(@Arg('id', () => ID) id: string, @Arg('version', () => Int) version: number, @Ctx() ctx: PartnerContext) {
      return publishItem(ctx, resources, id, version);
    }

    @FieldResolver(() => ResourceType, { description: 'Withdraw a resource, giving the reason' })
    withdrawResource(
      @Arg('id', () => ID) id: string,
      @Arg('version', () => Int) version: number,
      @Arg('reason', () => String) reason: string,
      @Ctx() ctx: PartnerContext,
    ) {
      return withdrawItem(ctx, resources, id, version, reason);
    }
  }

  @Resolver(() => NeedType)
  class NeedFieldResolver {
    @FieldResolver(() => [ItemChange], { description: 'Who changed what, when, old and new value' })
    history(@Root() need: NeedRow, @Ctx() ctx: PartnerContext) {
      return ctx.loaders.historyOfItem.load(need.id);
    }
  }

  @Resolver(() => ResourceType)
  class ResourceFieldResolver {
    @FieldResolver(() => [ItemChange], { description: 'Who changed what, when, old and new value' })
    history(@Root() resource: ResourceRow, @Ctx() ctx: PartnerContext) {
      return ctx.loaders.historyOfItem.load(resource.id);
    }
  }

  const referenceResolvers = {
    [`${prefix}Need`]: {
      __resolveReference: async (ref: { id: string }, ctx: PartnerContext) => visibleItem(await ctx.loaders.need.load(ref.id), ctx),
    },
    [`${prefix}Resource`]: {
      __resolveReference: async (ref: { id: string }, ctx: PartnerContext) => visibleItem(await ctx.loaders.resource.load(ref.id), ctx),
    },
  };

  return {
    resolvers: [CobuildQueriesResolver, CobuildMutationsResolver, NeedFieldResolver, ResourceFieldResolver] as const,
    referenceResolvers,
  };
}
