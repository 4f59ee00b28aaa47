import { ErrorCode } from '@hub/contracts';
import { GraphQLError } from 'graphql';

/** The one constructor of user-facing errors: a message and a stable `extensions.code`. */
export function hubError(code: ErrorCode, message: string, details?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

/**
 * What exactly is wrong with a value, beside its message: a stable `reason` (REQUIRED, TOO_LONG,
 * TOO_MANY, UNSTORABLE_TEXT, BAD_ID, BAD_DATE, DATE_ORDER, UNKNOWN_KIND…) and the limit broken,
 * so a batch (an import) can report each problem by code without reading the message.
 */
export interface InputProblem {
  readonly reason: string;
  readonly limit?: number;
}

export const badInput = (message: string, field?: string, problem?: InputProblem) =>
  hubError(ErrorCode.BAD_USER_INPUT, message, field || problem ? { ...(field ? { field } : {}), ...problem } : undefined);
export const forbidden = (message: string) => hubError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, id: string) => hubError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist`);
export const conflict = (message: string) => hubError(ErrorCode.CONFLICT, message);
export const unauthenticated = (message: string) => hubError(ErrorCode.UNAUTHENTICATED, message);

/** Node's codes for a connection that could not be made or was lost. */
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The error and its causes (MikroORM wraps the driver's error; Node wraps a failed connect). */
function* causes(error: unknown): Generator<{ code?: unknown; severity?: unknown; message?: unknown }> {
  for (let current = error, hops = 0; current && typeof current === 'object' && hops < 5; hops += 1) {
    yield current;
    current = (current as { cause?: unknown }).cause;
  }
}

/**
 * Whether an error means the database cannot be reached or is going away (connection refused or
 * cut, a FATAL session error such as "the database is not accepting connections", a shutdown,
 * too many connections), rather than that the request was wrong.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const { code, severity, message } of causes(error)) {
    if (typeof code === 'string' && (networkCodes.has(code) || /^(08|57P0)/.test(code) || code === '53300')) {
      return true;
    }
    if (severity === 'FATAL' || severity === 'PANIC') {
      return true;
    }
    // node-postgres reports a connection lost mid-query or a pool timeout without a code.
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|not queryable/.test(message)) {
      return true;
    }
  }
  return false;
}

/** Whether PostgreSQL refused a value (SQLSTATE class 22: out of range, bad encoding, invalid text). */
export function isRefusedValue(error: unknown): boolean {
  return [...causes(error)].some(({ code }) => typeof code === 'string' && code.startsWith('22'));
}
