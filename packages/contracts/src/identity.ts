/** Roles a caller can hold (DOMAIN.md, "Who uses the product"). */
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
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
