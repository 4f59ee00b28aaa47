import 'reflect-metadata';

export * from './activities.ts';
export * from './commitments.ts';
export * from './context.ts';
export * from './entities.ts';
export * from './kind-spec.ts';
export * from './memberships.ts';
export * from './partners.ts';
export * from './resolvers.ts';
export * from './seed.ts';
export * from './spec.ts';
export * from './subgraph.ts';
export * from './types.ts';
