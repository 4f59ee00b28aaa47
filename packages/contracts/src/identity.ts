/** Roles a caller can hold (docs/domain.md, "Who uses the product"). */
export type Role = 'coordinator' | 'partner_editor' | 'viewer' | 'anonymous';

/** The verified caller, as the gateway forwards it to every subgraph. */
export interface Viewer {
  readonly subject: string;
  readonly role: Role;
  /** Set for partner editors: the one partner whose data they may write. */
  readonly partnerId?: string;
  readonly name?: string;
}

export const anonymousViewer: Viewer = Object.freeze({ subject: 'anonymous', role: 'anonymous' });

/** Header carrying the gateway-signed identity to subgraphs. */
export const identityHeader = 'x-hub-identity';

/** Stable error codes (extensions.code) used across the hub. */
export const ErrorCode = {
  /** The request itself is malformed (not the operation's input): its shape, URL or transport. */
  BAD_REQUEST: 'BAD_REQUEST',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  /** A service's own database (or another dependency) is unreachable for now; retrying later helps. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** A live stream's resume cursor is older than what is retained (or was never issued): reload the view. */
  CURSOR_EXPIRED: 'CURSOR_EXPIRED',
  /** A live client fell too far behind; it resumes with the cursor the error carries. */
  SLOW_CONSUMER: 'SLOW_CONSUMER',
  /** The schema changed so that a running subscription is no longer valid. */
  SCHEMA_CHANGED: 'SCHEMA_CHANGED',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
