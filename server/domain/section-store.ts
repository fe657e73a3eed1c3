/**
 * What the domain needs of the live section documents, declared here so that the domain owns it
 * and never imports the document infrastructure or a transport. The server's implementation is
 * `server/documents/section-documents.ts`; the collab endpoint serves the same documents, so a
 * change made through this store reaches everyone editing, like any person's keystroke.
 */
import type * as Y from 'yjs';

export interface SectionStore {
  /**
   * Runs `read` on the section's document as stored: the loaded copy (its pending batch
   * committed first) or one read from the log. `read` must not keep the document.
   */
  read<T>(sectionId: string, read: (doc: Y.Doc) => T): T;
  /**
   * Changes a section on someone's behalf (null: the server itself) as one Yjs transaction,
   * stored before this returns and broadcast to every open connection, so concurrent edits merge
   * with it. The counterpart of a client's update: restores, imports and accepted suggestions all
   * come this way, never through a side door.
   */
  change(sectionId: string, personId: number | null, apply: (doc: Y.Doc) => void): void;
}
