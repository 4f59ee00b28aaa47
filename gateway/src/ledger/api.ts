import type { ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { ErrorCode, type Viewer } from '@hub/contracts';
import { HttpError } from '@hub/http';
import type { GatewayContext } from '../gateway.ts';

/** The HTTP status of an API error the ledger's routes pass on to their caller. */
const statusOf: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.BAD_REQUEST]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SUBGRAPH_UNAVAILABLE]: 503,
  [ErrorCode.UNAVAILABLE]: 503,
};

/** Runs one GraphQL operation as `viewer`; resolves to its data, throws HttpError for any error. */
export type RunOperation = <T>(viewer: Viewer, query: string, variables?: Record<string, unknown>) => Promise<T>;

/**
 * The ledger's routes are clients of the federated API: they run their operations through the
 * gateway's own Apollo server, as the caller (the same signed identity /graphql forwards), so
 * every rule of every subgraph applies to them and nothing reads a subgraph's database.
 * Any error, a partial answer's included, fails the operation: a ledger with a partner's items
 * missing would be wrong, not incomplete. Coded errors keep their code (400/401/403/404/409/429/503).
 */
export function operationRunner(apollo: ApolloServer<GatewayContext>): RunOperation {
  return async <T>(viewer: Viewer, query: string, variables: Record<string, unknown> = {}) => {
    const response = await apollo.executeOperation<Record<string, unknown>>({ query, variables }, { contextValue: { viewer } });
    if (response.body.kind !== 'single') {
      throw new Error('The ledger asked for an incremental answer');
    }
    const { data, errors } = response.body.singleResult;
    const first = errors?.[0];
    if (first) {
      const code = String(first.extensions?.code ?? ErrorCode.INTERNAL);
      const status = statusOf[code];
      if (!status) {
        throw new Error(`The ledger's operation failed: ${first.message}`);
      }
      throw new HttpError(status, code, first.message);
    }
    return data as T;
  };
}

/** A file download's headers: its type and a UTF-8 file name (RFC 6266), with an ASCII fallback. */
export function sendFileHeaders(response: ServerResponse, contentType: string, fileName: string, fallback: string): void {
  response.writeHead(200, {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'cache-control': 'no-store',
  });
}
