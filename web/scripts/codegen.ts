/** `pnpm --filter @hub/web codegen`: regenerate the API schema and the typed operations. */
import { generateOperations } from './operations.ts';

const { operations } = await generateOperations();
console.log(`typed ${operations} operations and fragments into src/generated/graphql.ts`);
