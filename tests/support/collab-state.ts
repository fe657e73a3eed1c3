/**
 * Reading section documents for assertions: the server's copy, the update log's rows, and whether
 * several Y.Docs hold the same version.
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { databaseFile } from '../../server/db/client';
import type { CollabClient } from './collab-client';
import { type TestWorkspace, waitFor } from './workspace';

/** The server's document of a section, read through the endpoint (loading it when needed). */
export function onServer<T>(workspace: TestWorkspace, sectionId: string, read: (doc: Y.Doc) => T): T {
  return workspace.server.sections.read(sectionId, read);
}

/**
 * Sections as the update log on disk holds them, read with SQLite directly: for checking what
 * survived a server that is no longer running.
 */
export function storedSections(dataDir: string, sectionIds: string[]): Map<string, Y.Doc> {
  const db = new Database(databaseFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    const select = db.prepare('SELECT "update" AS bytes FROM doc_updates WHERE section_id = ? ORDER BY seq');
    return new Map(
      sectionIds.map((sectionId) => {
        const doc = new Y.Doc();
        for (const row of select.all(sectionId) as { bytes: Buffer }[]) Y.applyUpdate(doc, new Uint8Array(row.bytes));
        return [sectionId, doc];
      }),
    );
  } finally {
    db.close();
  }
}

/** Rows of a section in the update log. */
export function logRows(workspace: TestWorkspace, sectionId: string): number {
  const row = workspace.server.db.$client
    .prepare('SELECT count(*) AS n FROM doc_updates WHERE section_id = ?')
    .get(sectionId) as { n: number };
  return row.n;
}

/** A document's state vector as a comparable string ("client:clock" sorted). */
export function version(doc: Y.Doc): string {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()]
    .sort(([a], [b]) => a - b)
    .map(([client, clock]) => `${client}:${clock}`)
    .join(',');
}

/** Everything a section holds that these tests write: the ProseMirror fragment and the text 'notes'. */
export function content(doc: Y.Doc): { prosemirror: string; notes: string } {
  return { prosemirror: doc.getXmlFragment('prosemirror').toString(), notes: doc.getText('notes').toString() };
}

/** Waits until every client holds the server's version and content of the section. */
export async function waitForConvergence(
  workspace: TestWorkspace,
  sectionId: string,
  clients: CollabClient[],
  timeoutMs = 10_000,
): Promise<void> {
  await waitFor(
    () => {
      const serverVersion = onServer(workspace, sectionId, version);
      return clients.every((client) => version(client.doc) === serverVersion);
    },
    `every client to reach the server's version of ${sectionId}`,
    timeoutMs,
  );
  const serverContent = onServer(workspace, sectionId, content);
  for (const client of clients) expect(content(client.doc)).toEqual(serverContent);
}

/**
 * Destroys clients and closes raw sockets, every one even when some fail, so that jest can exit;
 * rethrows the first failure. (y-websocket's destroy throws half-way when the client's own presence
 * was removed by someone else: its socket and timers are then stopped here by hand.)
 */
export function closeAll(things: (CollabClient | { close(): void })[]): void {
  const failures: unknown[] = [];
  for (const thing of things) {
    try {
      if ('destroy' in thing) thing.destroy();
      else thing.close();
    } catch (error) {
      failures.push(error);
      if ('provider' in thing) stopProvider(thing.provider);
    }
  }
  if (failures.length > 0) throw failures[0];
}

function stopProvider(provider: CollabClient['provider']): void {
  provider.shouldConnect = false;
  clearInterval(provider._checkInterval);
  if (provider._resyncInterval) clearInterval(provider._resyncInterval);
  provider.ws?.close();
  provider.awareness.destroy();
}

/** Writes `words` at the start of both the notes text and the ProseMirror fragment, in one transaction. */
export function scribble(doc: Y.Doc, words: string): void {
  doc.transact(() => {
    doc.getText('notes').insert(0, words);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    text.insert(0, words);
    paragraph.insert(0, [text]);
    doc.getXmlFragment('prosemirror').insert(0, [paragraph]);
  });
}
