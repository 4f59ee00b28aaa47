import { runPartnerService } from '@hub/partner-kit';
import { townVillageSeed } from './seed.ts';
import { townVillageSpec } from './spec.ts';

await runPartnerService(townVillageSpec, { defaultPort: 4003, seed: townVillageSeed });
