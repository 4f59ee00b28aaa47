import 'reflect-metadata';

export * from './cobuild.ts';
export * from './demo.ts';
export * from './enums.ts';
export * from './identity.ts';
export * from './inputs.ts';
export * from './internal-identity.ts';
export * from './partner-kind.ts';
export * from './signing-keys.ts';
export * from './traffic-light.ts';
export * from './types.ts';
