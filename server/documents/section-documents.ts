/**
 * The section documents held in memory: each loaded from the update log on first use, shared by
 * every connection to it and by the domain (through the `SectionStore` it declares), and unloaded
 * once it has been idle. One loader, one copy per document: the collab endpoint's connections and a
 * restore or a version read always see the same document.
 *
 * Documents are named by key (`documentKey` in shared/languages.ts): a section id is the source
 * language's document, `<sectionId>/<lang>` a translation's (#19). Every method takes either.
 */
import * as Y from 'yjs';
import type { SectionStore } from '../domain/section-store';
import { GroupCommit } from './group-commit';
import { type Peer, SectionDocument } from './section-document';
import type { UpdateLog } from './update-log';

/**
 * Whoever changes a section says for whom: a connection speaks for its person, and the server
 * for the person it acts on behalf of (null when it acts for nobody).
 */
export interface ChangeOrigin {
  readonly editorId: number | null;
}

/** The origin of a change the server itself makes to a section (a restore), on someone's behalf. */
export class ServerChange implements ChangeOrigin {
  constructor(readonly editorId: number | null) {}
}

/** A random Yjs client id nobody has used in this section (Yjs ids are random 32-bit numbers). */
function freshClientId(document: SectionDocument): number {
  for (;;) {
    const id = Math.floor(Math.random() * 2 ** 32) >>> 0;
    if (document.ownerOf(id) === null && Y.getState(document.doc.store, id) === 0) return id;
  }
}

function editorOf(origin: unknown): number | null {
  return typeof origin === 'object' && origin !== null && 'editorId' in origin ? (origin as ChangeOrigin).editorId : null;
}

export interface SectionDocumentsOptions {
  sectionIdleMs: number;
  compactAfterRows: number;
  /** An update was stored in the document with this key, made by this person (null: nobody known). */
  onStored?: (key: string, personId: number | null) => void;
  /** A person claimed this Yjs client id in this document (for attribution, and so nobody else writes under it). */
  onAuthor?: (key: string, clientId: number, personId: number) => void;
  /** The client ids claimed in a document so far (client id → person id). */
  clientOwners?: (key: string) => Map<number, number>;
}

export class SectionDocuments implements SectionStore {
  private readonly documents = new Map<string, SectionDocument>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly commits: GroupCommit;

  constructor(
    private readonly log: UpdateLog,
    private readonly options: SectionDocumentsOptions,
  ) {
    this.commits = new GroupCommit((work) => log.inTransaction(work));
  }

  /** The loaded document, or a freshly loaded one from the update log (synchronous; throws if it cannot load). */
  open(key: string): SectionDocument {
    const loaded = this.documents.get(key);
    if (loaded && !loaded.broken) return loaded;
    const document = new SectionDocument(key, this.log, {
      compactAfterRows: this.options.compactAfterRows,
      onStored: (id, origin) => this.options.onStored?.(id, editorOf(origin)),
      onAuthor: this.options.onAuthor,
      clientOwners: this.options.clientOwners,
      onBroken: (broken) => this.unload(broken),
      commits: this.commits,
    });
    this.documents.set(key, document);
    return document;
  }

  /** A connection joined the document: it stays loaded while anyone is there. */
  join(document: SectionDocument, peer: Peer): void {
    this.cancelUnload(document.key);
    document.peers.add(peer);
  }

  /** A connection left: the document unloads once it has been idle for `sectionIdleMs`. */
  leave(document: SectionDocument, peer: Peer): void {
    document.leave(peer);
    if (document.peers.size === 0) this.scheduleUnload(document);
  }

  read<T>(key: string, read: (doc: Y.Doc) => T): T {
    const loaded = this.documents.get(key);
    if (loaded && !loaded.broken) {
      // What is read (a version, an approval, an export) holds only stored updates.
      loaded.flush();
      // A flush that could not store dropped this copy: read what the log really holds.
      if (!loaded.broken) return loaded.readAsIs(read);
    }
    // Nobody has it open: read a copy of its own and drop it, so that reading every section (a
    // dashboard, the search index catching up, an export) does not keep them all in memory.
    const copy = new SectionDocument(key, this.log, { compactAfterRows: this.options.compactAfterRows });
    try {
      return read(copy.doc);
    } finally {
      copy.destroy();
    }
  }

  change(key: string, personId: number | null, apply: (doc: Y.Doc) => void): void {
    let document = this.open(key);
    // The change goes on top of stored updates only; a flush that failed dropped that copy.
    document.flush();
    if (document.broken) document = this.open(key);
    try {
      const doc = document.doc;
      if (personId !== null) {
        // Each change on someone's behalf writes under a client id of its own, claimed for that
        // person: the server's text is then attributed to whom it acted for, and to nobody else.
        doc.clientID = freshClientId(document);
        document.claim(doc.clientID, personId);
      }
      // Stored (by the document's update handler) as the transaction ends, before this returns.
      doc.transact(() => apply(doc), new ServerChange(personId));
    } finally {
      if (document.peers.size === 0) this.scheduleUnload(document);
    }
  }

  /** Whether the document with this key is in memory now (not merely readable). */
  isLoaded(key: string): boolean {
    return this.documents.has(key);
  }

  /** How many documents (sections in any language) are in memory. */
  get loaded(): number {
    return this.documents.size;
  }

  private scheduleUnload(document: SectionDocument): void {
    this.cancelUnload(document.key);
    const timer = setTimeout(() => {
      this.idleTimers.delete(document.key);
      if (document.peers.size === 0) this.unload(document);
    }, this.options.sectionIdleMs);
    timer.unref();
    this.idleTimers.set(document.key, timer);
  }

  private cancelUnload(key: string): void {
    const timer = this.idleTimers.get(key);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(key);
  }

  private unload(document: SectionDocument): void {
    document.compact();
    // A copy dropped earlier (a failed write) must not cancel the timer of the copy that replaced it.
    if (this.documents.get(document.key) === document) {
      this.documents.delete(document.key);
      this.cancelUnload(document.key);
    }
    document.destroy();
  }

  /** Compacts and drops every loaded section; the log already holds everything. */
  close(): void {
    for (const document of [...this.documents.values()]) this.unload(document);
  }
}
