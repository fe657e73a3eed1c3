/**
 * The wire contract: the request bodies and responses of every `/api` route, and the socket.io
 * events. The one declaration of each shape; the server's presenters return these types and the
 * client's calls are typed with them.
 */
export type * from './attribution';
export type * from './audit';
export type * from './comments';
export type * from './curriculum';
export type * from './dashboard';
export type * from './documents';
export type * from './errors';
export type * from './events';
export type * from './exports';
export type * from './glossary';
export type * from './health';
export type * from './imports';
export type * from './invitations';
export type * from './notifications';
export type * from './people';
export type * from './references';
export type * from './reviews';
export type * from './search';
export type * from './sections';
export type * from './session';
export type * from './settings';
export type * from './suggestions';
export type * from './translations';
export type * from './versions';
