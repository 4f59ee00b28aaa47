export * from './postgres.ts';
export * from './processes.ts';
export * from './stack.ts';
