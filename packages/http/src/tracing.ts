import { createRequire } from 'node:module';
import {
  type Attributes,
  type Context,
  context,
  type Link,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * OpenTelemetry traces for every hub process (docs/adr/0019-traces-and-logs.md). Each service's
 * entry point imports a one-line module that calls `startTracing(name)` before anything else.
 * Tracing is on only when OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is
 * set: otherwise nothing is registered and every span below is the API's no-op.
 */

/** Paths asked by probes and scrapers: their spans would only bury the requests worth reading. */
const untracedPaths = /^\/(health(\/|$)|metrics$)/;

let provider: TracerProvider | undefined;

/** Whether an OTLP endpoint for traces is configured (the standard variables). */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT) && env.OTEL_SDK_DISABLED !== 'true';
}

/**
 * Starts tracing for this process when an endpoint is configured: spans go in batches to the
 * OTLP/HTTP endpoint (JSON), context follows async calls, W3C `traceparent` travels on every
 * fetch (undici's diagnostics channels) and node:http request, and each incoming node:http
 * request gets a server span continuing its caller's trace. Returns whether it started.
 */
export function startTracing(serviceName: string): boolean {
  const env = process.env;
  if (provider || !tracingConfigured(env)) {
    return Boolean(provider);
  }
  const delay = Number(env.OTEL_BSP_SCHEDULE_DELAY);
  provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || serviceName }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter(), ...(delay > 0 ? { scheduledDelayMillis: delay } : {}) })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => untracedPaths.test(request.url ?? '') }),
      new UndiciInstrumentation(),
    ],
  });
  // The http instrumentation patches the module when it is required; ES imports of node:http do
  // not require it, so require it once here (its Server.prototype.emit is then patched for all).
  createRequire(import.meta.url)('node:http');
  return true;
}

/**
 * Sends the spans still waiting; a process calls it on its way out. Waits `waitMs` at most: a
 * collector that is down or slow must not hold up a shutdown (the exporter alone would retry
 * for 10 s or more).
 */
export async function stopTracing(waitMs = 2000): Promise<void> {
  const stopping = provider?.shutdown();
  provider = undefined;
  if (!stopping) {
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  await Promise.race([stopping, gaveUp]).finally(() => clearTimeout(timer));
}

const tracer = () => trace.getTracer('party-alliance-hub');

/**
 * Runs `work` inside a new span (a child of the active one, or of `parent` when given), ending it
 * when `work` settles and marking it failed when `work` throws. With tracing off this costs one
 * no-op span.
 */
export function inSpan<T>(
  name: string,
  options: { attributes?: Attributes; kind?: SpanKind; parent?: Context; links?: Link[] },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    name,
    { attributes: options.attributes, kind: options.kind ?? SpanKind.INTERNAL, links: options.links },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** The active trace as a W3C `traceparent` value, to store with work done later (undefined when not traced). */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The context a stored `traceparent` continues (a fresh root when there is none). */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/**
 * Where work done later for several stored traces belongs: the first trace is its parent, the
 * others are links (a span has one parent, and a batch may carry the writes of many requests).
 */
export function continueTraces(traceparents: readonly (string | null | undefined)[]): { parent: Context; links: Link[] } {
  const distinct = [...new Set(traceparents.filter((value): value is string => Boolean(value)))];
  const links = distinct
    .slice(1)
    .map((value) => trace.getSpanContext(contextFromTraceparent(value)))
    .filter((span) => span !== undefined)
    .map((span) => ({ context: span }));
  return { parent: contextFromTraceparent(distinct[0]), links };
}

export { SpanKind };
