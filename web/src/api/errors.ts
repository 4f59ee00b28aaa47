import type { CombinedError } from '@urql/core';

/** The `extensions.code` values the hub answers with, plus the client's own two. */
export const errorCodes = [
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'NETWORK',
  'UNKNOWN',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** One problem the API reported, ready to show: its code, the server's words and the field. */
export interface ApiProblem {
  readonly code: ErrorCode;
  readonly serverMessage: string;
  /** The input field the server blamed (BAD_USER_INPUT), e.g. `dueDate`. */
  readonly field?: string;
}

function codeOf(value: unknown): ErrorCode {
  return errorCodes.includes(value as ErrorCode) ? (value as ErrorCode) : 'UNKNOWN';
}

/** Turns urql's combined error (GraphQL errors and/or a network failure) into problems to show. */
export function apiProblems(error: CombinedError): ApiProblem[] {
  if (error.graphQLErrors.length > 0) {
    return error.graphQLErrors.map((graphQLError) => {
      const field = graphQLError.extensions?.field;
      return {
        code: codeOf(graphQLError.extensions?.code),
        serverMessage: graphQLError.message,
        ...(typeof field === 'string' ? { field } : {}),
      };
    });
  }
  return [{ code: 'NETWORK', serverMessage: error.networkError?.message ?? error.message }];
}
