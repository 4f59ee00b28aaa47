import { runPartnerService } from '@hub/partner-kit';
import { enterpriseSeed } from './seed.ts';
import { enterpriseSpec } from './spec.ts';

await runPartnerService(enterpriseSpec, { defaultPort: 4002, seed: enterpriseSeed });
