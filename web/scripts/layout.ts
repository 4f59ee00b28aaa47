import { fileURLToPath } from 'node:url';

/** Where the web package's inputs and outputs live, as absolute paths. */
export const webRoot = fileURLToPath(new URL('../', import.meta.url));
export const supergraphFile = fileURLToPath(new URL('../../gateway/supergraph.graphql', import.meta.url));
export const sourceDir = `${webRoot}src`;
export const generatedDir = `${webRoot}src/generated`;
export const apiSchemaFile = `${generatedDir}/schema.graphql`;
export const operationTypesFile = `${generatedDir}/graphql.ts`;
export const distDir = `${webRoot}dist`;
