import { trace } from '@opentelemetry/api';
import { type DestinationStream, pino } from 'pino';

/**
 * The hub's one logger (docs/adr/0019-traces-and-logs.md): JSON lines on stdout, one per event,
 * with `trace_id` and `span_id` on every line written inside a span, so a line leads to its
 * trace and back. Level from LOG_LEVEL (trace, debug, info, warn, error, fatal, silent; default
 * info). Bodies and tokens are never logged: callers pass messages and causes, not requests.
 */
export function createLog(destination?: DestinationStream) {
  const options = {
    level: process.env.LOG_LEVEL || 'info',
    base: { pid: process.pid },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The process's logger, on stdout. */
export const log = createLog();

/** A logger for one part of a process (`component` on each of its lines: gateway, live, relay…). */
export function logger(component: string) {
  return log.child({ component });
}

export type Logger = ReturnType<typeof logger>;
