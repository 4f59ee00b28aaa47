import 'reflect-metadata';

export { closeOnSignal, errorBody } from '@hub/http';
export { type Registry, sampledCounter, sampledGauge } from '@hub/http/metrics';
export * from './env.ts';
export * from './errors.ts';
export * from './loaders.ts';
export { databaseReadiness, registerOrmMetrics } from './metrics.ts';
export * from './orm.ts';
export * from './schema.ts';
export * from './server.ts';
export * from './validate.ts';
