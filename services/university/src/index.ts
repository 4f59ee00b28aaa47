import { runPartnerService } from '@hub/partner-kit';
import { universitySeed } from './seed.ts';
import { universitySpec } from './spec.ts';

await runPartnerService(universitySpec, { defaultPort: 4004, seed: universitySeed });
