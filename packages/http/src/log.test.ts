import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLog } from './log.ts';

/** A logger writing into an array, one parsed JSON object a line. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { log: createLog(destination), lines };
}

describe('the hub’s logger', () => {
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    trace.setGlobalTracerProvider(new TracerProvider());
  });

  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it('writes JSON lines with the level, the message and the fields given', async () => {
    const { log, lines } = capturedLog();
    log.child({ component: 'relay' }).warn({ attempt: 2 }, 'delivery failed, retrying');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toEqual([expect.objectContaining({ level: 40, component: 'relay', attempt: 2, msg: 'delivery failed, retrying' })]);
    expect(lines[0]).not.toHaveProperty('trace_id');
  });

  it('puts the trace id and span id of the active span on each line written inside it', async () => {
    const { log, lines } = capturedLog();
    const ids = await trace.getTracer('test').startActiveSpan('work', async (span) => {
      await Promise.resolve();
      log.info('inside');
      span.end();
      return span.spanContext();
    });
    log.info('outside');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => [line.msg, line.trace_id, line.span_id])).toEqual([
      ['inside', ids.traceId, ids.spanId],
      ['outside', undefined, undefined],
    ]);
  });
});
