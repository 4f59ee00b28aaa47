import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, type Viewer } from '@hub/contracts';
import { HttpError } from '@hub/http';
import type { RunOperation } from './api.ts';

/** What a ledger route handler gets: the verified caller, the address's parameters, the API. */
export interface LedgerRequest {
  readonly viewer: Viewer;
  readonly params: URLSearchParams;
  readonly run: RunOperation;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
}

/** Only `role` may use a route: 401 for anonymous callers, 403 for other roles. */
export function requireRole(viewer: Viewer, role: Viewer['role'], what: string): void {
  if (viewer.role === 'anonymous') {
    throw new HttpError(401, ErrorCode.UNAUTHENTICATED, `Sign in to ${what}`);
  }
  if (viewer.role !== role) {
    throw new HttpError(
      403,
      ErrorCode.FORBIDDEN,
      `Only ${role === 'coordinator' ? 'the alliance coordinator' : 'partner editors'} may ${what}`,
    );
  }
}

/**
 * A refused file or request the web app explains in the reader's language: besides the status
 * and the stable code, the answer carries `extensions.reason` and the text in both languages.
 */
export class LedgerFileError extends HttpError {
  constructor(
    status: number,
    readonly reason: string,
    readonly text: { readonly zh: string; readonly en: string },
  ) {
    super(status, status === 413 ? 'PAYLOAD_TOO_LARGE' : ErrorCode.BAD_USER_INPUT, text.en);
  }

  /** `{ errors: [{ message, extensions: { code, reason, zh } }] }` */
  body() {
    return { errors: [{ message: this.text.en, extensions: { code: this.code, reason: this.reason, zh: this.text.zh } }] };
  }
}
