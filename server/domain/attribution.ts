/**
 * Who wrote which passage: every Yjs item carries the client id that inserted it, and the section
 * documents report whose client ids those are as people write. Reading a section item by item gives its text in
 * runs, each with its author. Footnotes (#18) come after the text as blocks of kind `footnote`, in
 * document order; a cross-reference's label counts as words of the person who inserted it.
 */
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { AttributedBlock, Attribution } from '../../shared/api/attribution';
import { parseDocumentKey } from '../../shared/languages';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import type { Db } from '../db/client';
import { docAuthors } from '../db/schema';
import type { People } from './people';
import type { SectionStore } from './section-store';

const BLOCK_CONTEXT: Record<string, string> = {
  bullet_list: 'bullet item',
  ordered_list: 'ordered item',
  table_cell: 'table cell',
  table_header: 'table cell',
  blockquote: 'quote',
};

/**
 * Whose Yjs client ids are whose, per document (a section in one language, named by its key):
 * recorded as people write. Claims are kept per language (#19), because each document checks
 * updates against its own claims: shared claims would let a person take, in a translation, a
 * client id someone else already holds in the source, and the insert that keeps the first
 * claimant would then credit that person's text to the other.
 */
export class AuthorRegistry {
  constructor(private readonly db: Db) {}

  /** The first person seen writing with a client id in a document keeps it. */
  readonly record = (key: string, clientId: number, personId: number): void => {
    const { sectionId, lang } = parseDocumentKey(key);
    this.db.insert(docAuthors).values({ sectionId, lang, clientId, personId }).onConflictDoNothing().run();
  };

  /** Client id → person id, for one document. */
  authorsOf(key: string): Map<number, number> {
    const { sectionId, lang } = parseDocumentKey(key);
    const rows = this.db
      .select()
      .from(docAuthors)
      .where(and(eq(docAuthors.sectionId, sectionId), eq(docAuthors.lang, lang)))
      .all();
    return new Map(rows.map((row) => [row.clientId, row.personId]));
  }
}

/** Reads a section's text in runs, each with the person who wrote it. */
export class SectionAuthorship {
  constructor(
    private readonly authors: AuthorRegistry,
    private readonly store: SectionStore,
    private readonly people: People,
  ) {}

  attribution(sectionId: string): Attribution {
    const authors = this.authors.authorsOf(sectionId);
    const blocks: AttributedBlock[] = [];
    const characters = new Map<number, number>();

    const addRun = (block: AttributedBlock, chunk: string, personId: number | null) => {
      if (personId !== null) characters.set(personId, (characters.get(personId) ?? 0) + chunk.length);
      const last = block.runs[block.runs.length - 1];
      if (last && last.personId === personId) last.text += chunk;
      else block.runs.push({ text: chunk, personId });
    };
    const readText = (text: Y.XmlText, block: AttributedBlock) => {
      for (let item = text._start; item !== null; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
        addRun(block, item.content.str, authors.get(item.id.client) ?? null);
      }
    };
    const notes: AttributedBlock[] = [];
    // Blocks are named as in document diffs: what a reader would call them.
    const walk = (element: Y.XmlElement | Y.XmlFragment, context: string | null) => {
      const name = element instanceof Y.XmlElement ? element.nodeName : 'doc';
      const children = element.toArray();
      if (schema.nodes[name]?.isTextblock || children.some((child) => child instanceof Y.XmlText)) {
        const heading = name === 'heading';
        const level = heading && element instanceof Y.XmlElement ? Number(element.getAttribute('level')) || 1 : null;
        const block: AttributedBlock = { kind: heading ? 'heading' : (context ?? 'paragraph'), level, runs: [] };
        for (const child of children) {
          if (child instanceof Y.XmlText) readText(child, block);
          else if (child instanceof Y.XmlElement && child.nodeName === 'footnote') {
            // A footnote's words (#18) are read as a note of their own, gathered after the text
            // as a reader finds them at the foot of the page, so the block keeps its own words.
            const note: AttributedBlock = { kind: 'footnote', level: null, runs: [] };
            for (const part of child.toArray()) if (part instanceof Y.XmlText) readText(part, note);
            if (note.runs.length > 0) notes.push(note);
          } else if (child instanceof Y.XmlElement && child.nodeName === 'cross_reference') {
            // A cross-reference shows its label: words put there by whoever inserted it.
            const label = child.getAttribute('label');
            if (typeof label === 'string' && label !== '') addRun(block, label, child._item ? (authors.get(child._item.id.client) ?? null) : null);
          }
        }
        if (block.runs.length > 0 || children.some((child) => child instanceof Y.XmlText)) blocks.push(block);
        return;
      }
      const inner = BLOCK_CONTEXT[name] ?? context;
      for (const child of children) if (child instanceof Y.XmlElement) walk(child, inner);
    };
    this.store.read(sectionId, (doc) => walk(doc.getXmlFragment(CONTENT_FRAGMENT), null));
    blocks.push(...notes);
    return {
      blocks,
      people: [...characters.entries()]
        .map(([id, count]) => {
          const person = this.people.find(id);
          return { id, name: person?.name ?? '', colour: person?.colour ?? '#777', characters: count };
        })
        .sort((a, b) => b.characters - a.characters),
    };
  }
}
