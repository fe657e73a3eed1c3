/**
 * What our collab endpoint adds to the y-websocket protocol, shared by server and client.
 * Message types 0 to 3 are y-websocket's own (sync, awareness, auth, query awareness).
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Server to client: varString `Access`, what the connection may do to the document; sent on
 * connect and whenever the person's rights change.
 */
export const MESSAGE_ACCESS = 100;

/**
 * The access a connection is told on the wire. The server decides a finer level (the policy's
 * `AccessLevel`: edit, suggest, comment, read); a client needs to know whether its document
 * changes are taken, and which: `edit` takes any change the schema allows; `suggest` takes only
 * suggestions (#17: text inserted with the sender's own `insertion` mark, the sender's own
 * `deletion` mark added to existing text, and the sender's own open suggestions withdrawn — see
 * `server/collab/suggestion-rules.ts`), so the editor must turn every local edit into one; levels
 * that take no document change are all `read-only`.
 */
export type Access = 'edit' | 'suggest' | 'read-only';

/** WebSocket close codes (4000-4999 are the application's own). */
export const CLOSE_MALFORMED = 4400;
export const CLOSE_UNAUTHENTICATED = 4401;
/** The close reason when a person's rights were taken away while connected (with 4401: deactivated). */
export const REASON_ACCESS_REVOKED = 'access revoked';
export const CLOSE_FORBIDDEN = 4403;
/**
 * The close reason (with 4403) of a translation's connections when the coordinators remove its
 * language from the workspace's targets (#19). Its text is kept, and comes back with the language.
 */
export const REASON_LANGUAGE_REMOVED = 'language version removed';
/**
 * The refusal (404) of `/collab/<sectionId>/<lang>` when `lang` is not a target language of the
 * workspace; for the source language, the refusal goes on to say where its document is.
 */
export const REASON_NO_SUCH_LANGUAGE = 'no such language version';
/**
 * An update the server will never take (another person's Yjs client id, content the schema does
 * not allow): sending it again would be refused again, so the client must stop and say so.
 */
export const CLOSE_UPDATE_REFUSED = 4422;
/**
 * The reason of a 4422 close on a `suggest` connection whose update was more than suggestions
 * (a plain insertion or deletion, formatting, a new paragraph, a mark in someone else's name), or
 * a suggestion that no longer fits the text (its own suggestion accepted meanwhile). Nothing of
 * the update was applied: the client's copy now holds changes the section will never take, so it
 * must not resend them; it offers them (download) and opens the section afresh.
 */
export const REASON_NOT_A_SUGGESTION = 'update refused: not a suggestion';
export const CLOSE_STORAGE_FAILURE = 4500;
export const CLOSE_SHUTDOWN = 1001;
/** WebSocket's own "message too big": a frame over `MAX_COLLAB_PAYLOAD` (a huge paste in one change). */
export const CLOSE_TOO_LARGE = 1009;

/** Close codes after which reconnecting cannot help: the 44xx refusals, and a frame over the server's limit. */
export function isFinalClose(code: number): boolean {
  return (code >= 4400 && code < 4500) || code === CLOSE_TOO_LARGE;
}
