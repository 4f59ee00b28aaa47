import { runPartnerService } from '@hub/partner-kit';
import { trafficPoliceSeed } from './seed.ts';
import { trafficPoliceSpec } from './spec.ts';

await runPartnerService(trafficPoliceSpec, { defaultPort: 4005, seed: trafficPoliceSeed });
