import { type Orm, type Registry, registerOrmMetrics, sampledCounter, sampledGauge } from '@hub/subgraph-kit';
import type { EventHub } from './event-hub.ts';
import type { IngestStats } from './ingest.ts';

/**
 * The alliance's figures beside the kit's: ingestion by outcome, the event stream's position
 * (the newest event's sequence number, read at each scrape), the streams live subscribers read
 * and whether the LISTEN connection that wakes them is up.
 */
export function registerAllianceMetrics(registry: Registry, database: Orm, ingested: IngestStats, events: EventHub): void {
  registerOrmMetrics(registry, database);
  sampledCounter(registry, 'hub_ingest_applied_total', 'Partner events applied to the index', () => ingested.applied);
  sampledCounter(
    registry,
    'hub_ingest_duplicates_total',
    'Partner events ignored as already ingested (same event id)',
    () => ingested.duplicates,
  );
  sampledCounter(registry, 'hub_ingest_stale_total', 'Partner events ignored as older than the indexed version', () => ingested.stale);
  sampledCounter(registry, 'hub_ingest_rejected_total', 'Partner events refused (malformed or not allowed)', () => ingested.rejected);
  sampledGauge(registry, 'hub_event_stream_position', 'Sequence number of the newest alliance event', async () =>
    Number(await events.currentCursor()),
  );
  sampledGauge(registry, 'hub_event_streams_open', 'Event streams read by live subscribers now', () => events.figures.openStreams);
  sampledGauge(registry, 'hub_event_listener_connected', '1 while the LISTEN connection that wakes event streams is up', () =>
    events.figures.listening ? 1 : 0,
  );
}
