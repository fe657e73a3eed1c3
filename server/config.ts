/** Server configuration, read once from the environment (documented in the README). */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The origin browsers use to reach us; when unset, the request's own host is trusted. */
  publicUrl: string | null;
  /** Where the built client lives; null serves no static files (API-only tests). */
  clientDir: string | null;
  /** How long a section with no connections stays in memory. */
  sectionIdleMs: number;
  /** Quiet time after a burst of editing before it is saved as an automatic version. */
  autoVersionQuietMs: number;
  /** Update-log rows per section before they are merged into one. */
  compactAfterRows: number;
  /** Largest WebSocket frame accepted on /collab, in bytes. */
  maxCollabPayload: number;
  /** Threads that render exports, one export each at a time. */
  exportWorkers: number;
  /** Start the export threads this long after the server is up (null: when the first export needs them). */
  warmExportsAfterMs: number | null;
  sessionTtlMs: number;
  /** Secure cookies when served over https. */
  secureCookies: boolean;
  /** Log lines to stdout (off in tests). */
  log: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '') || null;
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    publicUrl,
    clientDir: path.resolve(env.CLIENT_DIR ?? './dist/client'),
    sectionIdleMs: Number(env.SECTION_IDLE_MS ?? 30_000),
    compactAfterRows: Number(env.COMPACT_AFTER_ROWS ?? 500),
    autoVersionQuietMs: Number(env.AUTO_VERSION_QUIET_SECONDS ?? 120) * 1000,
    maxCollabPayload: Number(env.MAX_COLLAB_PAYLOAD ?? 4 * 1024 * 1024),
    exportWorkers: Math.max(1, Number(env.EXPORT_WORKERS ?? 1) || 1),
    warmExportsAfterMs: env.WARM_EXPORTS_AFTER_MS === 'off' ? null : Number(env.WARM_EXPORTS_AFTER_MS ?? 2_000),
    sessionTtlMs: Number(env.SESSION_TTL_HOURS ?? 24 * 14) * 3600_000,
    secureCookies: publicUrl?.startsWith('https://') ?? false,
    log: env.LOG !== '0',
  };
}
