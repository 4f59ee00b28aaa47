import { setTimeout as delay } from 'node:timers/promises';
import {
  createIdentityVerifier,
  type InternalIdentity,
  identityHeader,
  type PartnerKind,
  type TrustedIssuers,
  UntrustedIdentityError,
} from '@hub/contracts';
import {
  ackWaitMs,
  allianceConsumer,
  type ConsumerMessages,
  connectNats,
  type EventTransportSettings,
  ensureAllianceConsumer,
  ensureEventStream,
  type JsMsg,
  jetstream,
  jetstreamManager,
  kindOfSubject,
  type NatsConnection,
} from '@hub/event-stream';
import { logger } from '@hub/http/log';
import { type Registry, sampledCounter, sampledGauge } from '@hub/subgraph-kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import { errors } from 'jose';
import pg from 'pg';
import { type IngestStats, ingestEvents, type PartnerEvent, partnerEvent } from './ingest.ts';
import { kindOfRelay } from './kinds.ts';

const log = logger('alliance');

/** The advisory lock held by the one alliance replica that consumes (an arbitrary constant of this database). */
const consumerLockKey = 7_401_002;
/** Messages ingested in one transaction at most. */
const batchSize = 200;
/** How often a standby replica tries to become the consumer. */
const standbyPollMs = 1000;
const firstRetryMs = 250;
const lastRetryMs = 5000;

export interface EventConsumer {
  /** Messages terminated as not to be ingested ever (bad signer, malformed), and whether this replica consumes now. */
  readonly figures: { readonly refused: number; readonly leading: boolean };
  /** Stops after the batch in flight; what is unacknowledged is delivered again to the next consumer. */
  stop(): Promise<void>;
}

interface AcceptedMessage {
  readonly message: JsMsg;
  readonly kind: PartnerKind;
  readonly caller: string;
  readonly event: PartnerEvent;
}

/** Thrown to give up the messages in hand: this replica no longer consumes (they are delivered again). */
class Abandoned extends Error {}

/** A message's identity could not be judged now (its kind's keys unreachable, a key not yet fetched): judge it again. */
class NotYetJudged extends Error {}
/** Tries to find the key of a token whose kid is unknown (the keys are fetched again at most every 2 s). */
const unknownKeyTries = 3;

/**
 * The alliance's side of the JetStream transport (ADR 0021): the durable consumer `alliance`
 * shared by every replica, read by one replica at a time (the holder of an advisory lock; the
 * others stand by), so events are ingested in the stream's order. Each message must carry the
 * identity of its subject's kind's relay, verified with the keys that kind publishes as of when
 * the stream stored it; otherwise it is terminated, logged and counted. Accepted messages go
 * through `ingestEvents`, the path of `/ingest`, a batch per transaction, and are acknowledged
 * only after that transaction committed.
 *
 * A replica that becomes the consumer while messages are unacknowledged (its predecessor died
 * holding them) first waits the acknowledgement timeout: they are then delivered again, before
 * any newer message, and the order holds.
 */
export function startEventConsumer(options: {
  orm: MikroORM;
  databaseUrl: string;
  settings: EventTransportSettings;
  trust: TrustedIssuers;
  totals: IngestStats;
}): EventConsumer {
  const { stream } = options.settings;
  const stopping = new AbortController();
  let refused = 0;
  let leading = false;
  let connection: NatsConnection | null = null;
  let messages: ConsumerMessages | null = null;
  // A message is judged as of when the stream stored it: it may be read long after it was published.
  const verify = createIdentityVerifier('alliance', options.trust);

  const pause = (ms: number) => delay(ms, undefined, { signal: stopping.signal });

  const connectOnce = async (): Promise<NatsConnection> => {
    if (connection && !connection.isClosed()) {
      return connection;
    }
    const opened = await connectNats(options.settings.natsUrl, 'alliance');
    try {
      const manager = await jetstreamManager(opened);
      await ensureEventStream(manager, stream);
      await ensureAllianceConsumer(manager, stream);
    } catch (error) {
      await opened.close();
      throw error;
    }
    connection = opened;
    return opened;
  };

  /** Holds the consumer lock on a connection of its own; `lost` settles when that connection ends. */
  const becomeLeader = async (): Promise<{ lost: Promise<void>; release: () => Promise<void> }> => {
    while (true) {
      const client = new pg.Client({ connectionString: options.databaseUrl });
      const lost = new Promise<void>((resolve) => {
        client.once('end', () => resolve());
        client.on('error', () => resolve());
      });
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [consumerLockKey]);
      if (rows[0]?.locked) {
        return { lost, release: () => client.end().catch(() => {}) };
      }
      await client.end().catch(() => {});
      await pause(standbyPollMs);
    }
  };

  /**
   * Judges one message: the ingestible event, or null when it was refused (terminated). Throws
   * NotYetJudged while its signer's keys cannot be had (`try` counts the attempts).
   */
  const judge = async (message: JsMsg, attempt: number): Promise<AcceptedMessage | null> => {
    const refuse = (reason: string) => {
      refused += 1;
      // No reason sent with it: servers before 2.10 do not take one (and would deliver it again).
      message.term();
      log.warn({ subject: message.subject, streamSeq: message.seq }, `refused a partner event message: ${reason}`);
      return null;
    };
    const subjectKind = kindOfSubject(stream, message.subject);
    const token = message.headers?.get(identityHeader);
    if (!subjectKind || !token) {
      return refuse(subjectKind ? 'no relay identity' : 'not a kind’s subject');
    }
    let identity: InternalIdentity;
    try {
      identity = await verify(token, message.time);
    } catch (error) {
      // A key not published (yet) is looked for again; keys that cannot be fetched are waited for.
      const unknownKey = error instanceof errors.JWKSNoMatchingKey && attempt < unknownKeyTries;
      if (unknownKey || !(error instanceof errors.JOSEError || error instanceof UntrustedIdentityError)) {
        throw new NotYetJudged((error as Error).message);
      }
      return refuse(`the relay identity is not valid (${(error as Error).message})`);
    }
    const kind = kindOfRelay(identity.caller);
    if (!kind || identity.caller !== `relay:${subjectKind}`) {
      return refuse(`signed by ${identity.caller}, not by the relay of ${subjectKind}`);
    }
    let body: unknown;
    try {
      body = JSON.parse(message.string());
    } catch {
      return refuse('the body is not JSON');
    }
    const parsed = partnerEvent.safeParse(body);
    if (!parsed.success) {
      return refuse(`malformed event: ${parsed.error.issues[0]?.message}`);
    }
    return { message, kind, caller: identity.caller, event: parsed.data };
  };

  /** Ingests a run of one kind's events, retrying until it commits, then acknowledges them. */
  const ingestRun = async (run: readonly AcceptedMessage[], lost: () => boolean) => {
    const [first] = run;
    if (!first) {
      return;
    }
    const events = run.map((item) => item.event);
    const traceparents = run.map((item) => item.message.headers?.get('traceparent') || undefined);
    for (let retryMs = firstRetryMs; ; retryMs = Math.min(retryMs * 2, lastRetryMs)) {
      try {
        await ingestEvents(options.orm, first.kind, first.caller, events, options.totals, traceparents);
        break;
      } catch (error) {
        log.warn({ err: error }, `ingesting ${run.length} JetStream event(s) failed; retrying in ${retryMs} ms`);
        await pause(retryMs);
        if (lost()) {
          throw new Abandoned('lost the consumer lock');
        }
      }
    }
    for (const item of run) {
      item.message.ack();
    }
  };

  /** Judges a message, again and again while its signer's keys cannot be had (as /ingest's relay would retry). */
  const judgeInTime = async (message: JsMsg, lost: () => boolean): Promise<AcceptedMessage | null> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await judge(message, attempt);
      } catch (error) {
        if (!(error instanceof NotYetJudged)) {
          throw error;
        }
        log.warn(`cannot verify a ${message.subject} message yet (${error.message}); trying again`);
        await pause(2500);
        if (lost()) {
          throw new Abandoned('lost the consumer lock');
        }
      }
    }
  };

  /** Refuses what must be refused, then ingests the rest in runs of one kind, in order. */
  const handleBatch = async (batch: readonly JsMsg[], lost: () => boolean) => {
    let run: AcceptedMessage[] = [];
    for (const message of batch) {
      const accepted = await judgeInTime(message, lost);
      if (!accepted) {
        continue;
      }
      if (run.length > 0 && run[0]?.kind !== accepted.kind) {
        await ingestRun(run, lost);
        run = [];
      }
      run.push(accepted);
    }
    await ingestRun(run, lost);
  };

  const consumeAsLeader = async () => {
    const nats = await connectOnce();
    const leadership = await becomeLeader();
    let lost = false;
    let current: ConsumerMessages | null = null;
    leadership.lost.then(() => {
      lost = true;
      current?.stop();
    });
    try {
      const manager = await jetstreamManager(nats);
      const info = await manager.consumers.info(stream, allianceConsumer);
      if (info.num_ack_pending > 0) {
        // A predecessor died holding these: once they time out they come again, first and in order.
        log.info(`${info.num_ack_pending} event message(s) unacknowledged; waiting ${ackWaitMs} ms for their redelivery`);
        await pause(ackWaitMs + 2000);
      }
      if (lost) {
        return;
      }
      leading = true;
      log.info(`consuming partner events from JetStream stream ${stream}`);
      const consumer = await jetstream(nats).consumers.get(stream, allianceConsumer);
      current = await consumer.consume({ max_messages: batchSize });
      messages = current;
      const reader = batchReader(current);
      while (!lost && !stopping.signal.aborted) {
        const batch = await reader.next(batchSize);
        if (batch.length === 0) {
          break;
        }
        await handleBatch(batch, () => lost);
      }
    } finally {
      leading = false;
      current?.stop();
      messages = null;
      await leadership.release();
    }
  };

  const running = (async () => {
    let retryMs = firstRetryMs;
    while (!stopping.signal.aborted) {
      try {
        await consumeAsLeader();
        retryMs = firstRetryMs;
      } catch (error) {
        if (stopping.signal.aborted) {
          break;
        }
        if (!(error instanceof Abandoned)) {
          log.warn({ err: error }, `JetStream consumer failed; retrying in ${retryMs} ms`);
        }
        await pause(retryMs).catch(() => {});
        retryMs = Math.min(retryMs * 2, lastRetryMs);
      }
    }
  })();

  return {
    figures: {
      get refused() {
        return refused;
      },
      get leading() {
        return leading;
      },
    },
    async stop() {
      stopping.abort();
      messages?.stop();
      await running;
      await connection?.close().catch(() => {});
    },
  };
}

/**
 * Reads messages in batches: waits for the first, then takes what has already arrived, up to
 * `max`. An empty batch means the messages ended (stopped).
 */
function batchReader(messages: ConsumerMessages) {
  const iterator = messages[Symbol.asyncIterator]();
  let waiting: Promise<IteratorResult<JsMsg>> | null = null;
  const take = () => {
    waiting ??= iterator.next();
    return waiting;
  };
  return {
    async next(max: number): Promise<JsMsg[]> {
      const batch: JsMsg[] = [];
      let result: IteratorResult<JsMsg> = await take();
      while (!result.done) {
        waiting = null;
        batch.push(result.value);
        if (batch.length >= max || messages.getPending() === 0) {
          break;
        }
        // Announced as there, so it comes at once; a moment's bound in case it does not.
        const next = await Promise.race([take(), delay(20).then(() => null)]);
        if (!next) {
          break;
        }
        result = next;
      }
      return batch;
    },
  };
}

/** The consumer's figures on the alliance's /metrics. */
export function registerEventConsumerMetrics(registry: Registry, consumer: EventConsumer): void {
  sampledCounter(
    registry,
    'hub_ingest_refused_messages_total',
    'JetStream messages terminated: not signed by their subject’s kind’s relay, or malformed',
    () => consumer.figures.refused,
  );
  sampledGauge(registry, 'hub_event_consumer_leading', '1 while this replica consumes the partner-event stream', () =>
    consumer.figures.leading ? 1 : 0,
  );
}
