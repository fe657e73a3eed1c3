/** The audit trail (`GET /api/audit`, coordinators): newest first, with the chain's verdict. */

/** The query string of `GET /api/audit`. */
export interface AuditQuery {
  /** A prefix of the action, e.g. "sign-in". */
  action?: string;
  /** Only what this person did. */
  actor?: number;
  /** Paging: entries older than this id. */
  before?: number;
  /** 1..500, 100 by default. */
  limit?: number;
}

export interface AuditEntry {
  id: number;
  /** ISO 8601. */
  at: string;
  actorId: number | null;
  /** The actor's name as it is now; null for the system or an unknown person. */
  actorName: string | null;
  action: string;
  /** What it was done to: `person:<id>`, `section:<id>`, `comment:<id>`, `course`, `part-1`, `workspace` … */
  target: string | null;
  /** A person target's name as it is now (sentences name people, not numbers); null for other targets. */
  targetName: string | null;
  detail: Record<string, unknown>;
  /** Covers the previous entry's hash, so editing or deleting a row breaks the chain. */
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** False once any stored entry no longer matches its hash. */
  chainIntact: boolean;
}
