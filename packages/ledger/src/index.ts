export * from './filter.ts';
export * from './kinds.ts';
export * from './period.ts';
export * from './row.ts';
export * from './tally.ts';
export * from './vocabulary.ts';
export * from './xlsx-export.ts';
