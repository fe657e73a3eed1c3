/**
 * What our collab endpoint adds to the y-websocket protocol, shared by server and client.
 * Message types 0 to 3 are y-websocket's own (sync, awareness, auth, query awareness).
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Server to client: varString 'edit' or 'read-only', sent on connect and when rights change. */
export const MESSAGE_ACCESS = 100;

export type Access = 'edit' | 'read-only';

/** WebSocket close codes (4000-4999 are the application's own). */
export const CLOSE_MALFORMED = 4400;
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_STORAGE_FAILURE = 4500;
export const CLOSE_SHUTDOWN = 1001;
