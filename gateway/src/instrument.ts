import { startTracing } from '@hub/http/tracing';

// Imported first by index.ts: tracing must be in place before the rest of the gateway loads.
startTracing('gateway');
