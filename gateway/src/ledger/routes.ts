import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { ErrorCode, type Viewer } from '@hub/contracts';
import { HttpError, sendJson } from '@hub/http';
import type { GatewayContext } from '../gateway.ts';
import { downloadAllianceTemplate, importAllianceFile } from './alliance-import-route.ts';
import { operationRunner } from './api.ts';
import { exportLedger } from './export-route.ts';
import { downloadTemplate, importCommitmentsFile } from './import-route.ts';
import { reportJson, reportWord } from './report-route.ts';
import { LedgerFileError, type LedgerRequest } from './request.ts';

/** What the ledger's routes take from the gateway: its Apollo server, how it authenticates and rate-limits. */
export interface LedgerRouteOptions {
  readonly apollo: ApolloServer<GatewayContext>;
  /** The verified caller of a request (401 UNAUTHENTICATED for a bad token). */
  readonly viewerOf: (request: IncomingMessage) => Promise<Viewer>;
  /** Takes one request from the caller's rate; the wait in seconds when none is left. */
  readonly throttle: (viewer: Viewer, address: string | undefined) => Promise<number | null>;
}

type Handler = (request: LedgerRequest) => Promise<void>;

/**
 * The ledger's HTTP routes beside /graphql (ADR 0010): the joint list as .xlsx, the import
 * template and the import itself, and the report for superiors (JSON for the web page, .docx).
 * Each authenticates like /graphql (Bearer token), takes one request of the caller's rate and
 * reads and writes only through the federated API, as the caller.
 */
export function ledgerRoutes(
  options: LedgerRouteOptions,
): Record<string, (request: IncomingMessage, response: ServerResponse) => Promise<void>> {
  const run = operationRunner(options.apollo);
  const route =
    (method: 'GET' | 'POST', handler: Handler) =>
    async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
      if (request.method !== method) {
        throw new HttpError(405, 'METHOD_NOT_ALLOWED', `Use ${method} here`, { allow: method });
      }
      const viewer = await options.viewerOf(request);
      const wait = await options.throttle(viewer, request.socket.remoteAddress);
      if (wait !== null) {
        throw new HttpError(429, ErrorCode.RATE_LIMITED, `Too many requests; retry in ${wait} s`, { 'retry-after': String(wait) });
      }
      const params = new URL(request.url ?? '/', 'http://gateway').searchParams;
      try {
        await handler({ viewer, params, run, request, response });
      } catch (error) {
        if (error instanceof LedgerFileError && !response.headersSent) {
          sendJson(response, error.status, error.body());
          return;
        }
        throw error;
      }
    };
  return {
    '/ledger/export.xlsx': route('GET', exportLedger),
    '/ledger/import-template.xlsx': route('GET', downloadTemplate),
    '/ledger/import': route('POST', importCommitmentsFile),
    '/ledger/alliance-template.xlsx': route('GET', downloadAllianceTemplate),
    '/ledger/alliance-import': route('POST', importAllianceFile),
    '/ledger/report': route('GET', reportJson),
    '/ledger/report.docx': route('GET', reportWord),
  };
}
