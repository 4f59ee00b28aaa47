/**
 * `pnpm build`: compiles the gateway and every service to JavaScript (`<folder>/dist/index.js`,
 * scripts/build-services.ts) and builds the web app (web/dist), which is what production runs.
 */
import { buildWeb } from '../web/scripts/ensure-built.ts';
import { buildServices } from './build-services.ts';

const started = Date.now();
const [built] = await Promise.all([buildServices(), buildWeb()]);
for (const deployable of built) {
  console.log(`${`${deployable.folder}/dist/index.js`.padEnd(42)} ${(deployable.bytes / 1024).toFixed(0).padStart(5)} KiB`);
}
console.log(`web/dist\nbuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
