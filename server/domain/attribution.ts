/**
 * Who wrote which passage: every Yjs item carries the client id that inserted it, and the collab
 * endpoint records whose client ids those are. Reading a section item by item gives its text in
 * runs, each with its author.
 */
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { CONTENT_FRAGMENT } from '../../shared/schema';
import type { CollabEndpoint } from '../collab/collab-endpoint';
import type { Db } from '../db/client';
import { docAuthors } from '../db/schema';
import type { People } from './people';

export interface AttributedBlock {
  kind: string;
  level: number | null;
  runs: { text: string; personId: number | null }[];
}

export interface Attribution {
  blocks: AttributedBlock[];
  people: { id: number; name: string; colour: string; characters: number }[];
}

const BLOCK_CONTEXT: Record<string, string> = {
  bullet_list: 'bullet item',
  ordered_list: 'ordered item',
  table_cell: 'table cell',
  table_header: 'table cell',
  blockquote: 'quote',
};

export class AuthorRegistry {
  constructor(
    private readonly db: Db,
    private readonly collab: CollabEndpoint,
    private readonly people: People,
  ) {}

  /** The first person seen writing with a client id keeps it. */
  record(sectionId: string, clientId: number, personId: number): void {
    this.db.insert(docAuthors).values({ sectionId, clientId, personId }).onConflictDoNothing().run();
  }

  private authorsOf(sectionId: string): Map<number, number> {
    const rows = this.db.select().from(docAuthors).where(and(eq(docAuthors.sectionId, sectionId))).all();
    return new Map(rows.map((row) => [row.clientId, row.personId]));
  }

  attribution(sectionId: string): Attribution {
    const authors = this.authorsOf(sectionId);
    const blocks: AttributedBlock[] = [];
    const characters = new Map<number, number>();

    const readText = (text: Y.XmlText, block: AttributedBlock) => {
      for (let item = text._start; item !== null; item = item.right) {
        if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
        const personId = authors.get(item.id.client) ?? null;
        const chunk = item.content.str;
        if (personId !== null) characters.set(personId, (characters.get(personId) ?? 0) + chunk.length);
        const last = block.runs[block.runs.length - 1];
        if (last && last.personId === personId) last.text += chunk;
        else block.runs.push({ text: chunk, personId });
      }
    };
    // Blocks are named as in document diffs: what a reader would call them.
    const walk = (element: Y.XmlElement | Y.XmlFragment, context: string | null) => {
      const name = element instanceof Y.XmlElement ? element.nodeName : 'doc';
      const children = element.toArray();
      if (children.some((child) => child instanceof Y.XmlText)) {
        const heading = name === 'heading';
        const level = heading && element instanceof Y.XmlElement ? Number(element.getAttribute('level')) || 1 : null;
        const block: AttributedBlock = { kind: heading ? 'heading' : (context ?? 'paragraph'), level, runs: [] };
        for (const child of children) {
          if (child instanceof Y.XmlText) readText(child, block);
        }
        blocks.push(block);
        return;
      }
      const inner = BLOCK_CONTEXT[name] ?? context;
      for (const child of children) if (child instanceof Y.XmlElement) walk(child, inner);
    };
    this.collab.readSection(sectionId, ({ doc }) => walk(doc.getXmlFragment(CONTENT_FRAGMENT), null));
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
