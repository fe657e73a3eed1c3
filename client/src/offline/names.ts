/**
 * Names the page and the service worker (`client/src/service-worker.ts`) both use: the cache of
 * the data pages showed, deleted at sign-out, and the header by which a request asks for its
 * answer not to be kept on this device.
 */
export const DATA_CACHE = 'syllabus-data';
/** A request with this header set to `no` is answered from the network only, and not kept. */
export const KEEP_HEADER = 'X-Keep-Copy';
/** Set by the service worker on an answer it gave from its cache: when that answer was fetched. */
export const OFFLINE_COPY_HEADER = 'X-Offline-Copy';
