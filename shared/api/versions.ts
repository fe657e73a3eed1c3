/** Version history of a section (`/api/sections/:id/versions|compare`, `/api/versions/:id`). */
import type { DocumentJson } from './documents';

/** Why a version was saved: by hand, on submission or approval, automatically, or by a restore. */
export type VersionKind = 'named' | 'submission' | 'approval' | 'auto' | 'restore';

/** A person named on a version (the name as it is now). */
export interface VersionAuthor {
  id: number;
  name: string;
}

export interface Version {
  id: number;
  sectionId: string;
  kind: VersionKind;
  label: string;
  createdBy: VersionAuthor | null;
  /** Who wrote the changes since the version before. */
  authors: VersionAuthor[];
  words: number;
  /** Runs of text inserted and deleted since the version before. */
  insertions: number;
  deletions: number;
  contentHash: string;
  createdAt: string;
  /** Bytes of encoded state this version keeps. */
  size: number;
}

/** `GET /api/versions/:id`: a version with its text. */
export interface VersionWithContent extends Version {
  content: DocumentJson;
}

/** `POST /api/sections/:id/versions`: saves the text as it stands; answered 201 with the `Version`. */
export interface NewVersion {
  label: string;
}

/** Either end of a comparison: a saved version's id, or the text as it is now. */
export type VersionRef = number | 'current';

/** The query of `GET /api/sections/:id/compare`; answered with a `DocumentDiff`. */
export interface CompareQuery {
  from: VersionRef;
  /** 'current' by default. */
  to?: VersionRef;
}
