import { ErrorCode } from '@hub/contracts';
import { GraphQLError } from 'graphql';

/** The one constructor of user-facing errors: a message and a stable `extensions.code`. */
export function hubError(code: ErrorCode, message: string, details?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

export const badInput = (message: string, field?: string) => hubError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : undefined);
export const forbidden = (message: string) => hubError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, id: string) => hubError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist`);
export const conflict = (message: string) => hubError(ErrorCode.CONFLICT, message);
export const unauthenticated = (message: string) => hubError(ErrorCode.UNAUTHENTICATED, message);
