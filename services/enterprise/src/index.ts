import './instrument.ts';
import { runPartnerService } from '@hub/partner-kit';
import { kind } from './kind.ts';
import { seed } from './seed.ts';
import { spec } from './spec.ts';

await runPartnerService(spec, { defaultPort: kind.port, seed });
