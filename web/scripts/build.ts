/** `pnpm --filter @hub/web build`: build web/dist now, whatever its age. */
import { buildWeb } from './ensure-built.ts';

console.log(`built ${await buildWeb()}`);
