/** exceljs's types, for code that reads the ledger's files with the same library (the tests). */
export type * as ExcelJSTypes from 'exceljs';
export * from './alliance-import.ts';
export * from './filter.ts';
export * from './import-report.ts';
export * from './issues.ts';
export * from './kinds.ts';
export * from './period.ts';
export * from './report.ts';
export * from './report-docx.ts';
export * from './row.ts';
export * from './tally.ts';
export * from './template.ts';
export * from './vocabulary.ts';
export * from './xlsx-export.ts';
export * from './xlsx-import.ts';
export * from './zip-guard.ts';
