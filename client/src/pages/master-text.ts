/**
 * One section's text inside the master document, read live from its Y.Doc over /collab/<id>.
 * Only reads: nothing ever changes the local doc, so nothing is ever sent back, and our presence
 * is withdrawn so the master reader does not show up among the section's writers. The text is
 * rendered with the shared schema into an element the page places on every render; it is redrawn
 * (debounced) as updates arrive, and its hours tables are added up again (#20), so the master's
 * course totals follow what people type. In "approved" mode it shows the approved text instead,
 * when there is one.
 */
import * as decoding from 'lib0/decoding';
import { DOMSerializer, type Node as ProseMirrorNode } from 'prosemirror-model';
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ApprovedText } from '../../../shared/api';
import { CLOSE_UNAUTHENTICATED, MESSAGE_ACCESS } from '../../../shared/collab-protocol';
import { type HoursTotals, hoursOf, noHours, sectionHours, tablesOf } from '../../../shared/curriculum';
import { CONTENT_FRAGMENT, schema } from '../../../shared/schema';
import { collabUrl } from '../editor/collab-url';

/** Redraw at most this often while people type: every keystroke is an update. */
const RENDER_DEBOUNCE_MS = 150;

export interface Heading {
  id: string;
  level: number;
  text: string;
}

export type TextMode = 'current' | 'approved';

/** What the hours tables of the text shown add up to (#20): the master sums them into the course's. */
export interface TextHours {
  totals: HoursTotals;
  tables: number;
  /** Cells that are not numbers (counted as 0). */
  errors: number;
}

/**
 * Headings inside a section sit below the part (h2) and the section title (h3) in the master
 * document's outline, so the text's h1–h3 become h4–h6.
 */
const serializer = new DOMSerializer(
  {
    ...DOMSerializer.nodesFromSchema(schema),
    heading: (node) => [`h${Math.min(3, Math.max(1, Number(node.attrs.level))) + 3}`, 0],
  },
  DOMSerializer.marksFromSchema(schema),
);

export class SectionText {
  /** The rendered text; the page template places this same element on every render. */
  readonly element = document.createElement('div');
  headings: Heading[] = [];
  hours: TextHours = { totals: noHours(), tables: 0, errors: 0 };
  synced = false;
  private mode: TextMode = 'current';
  /** undefined: not asked yet; null: the section has no approved text. */
  private approvedDoc: ProseMirrorNode | null | undefined = undefined;
  approval: ApprovedText | null = null;
  private readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly sectionId: string,
    /** The text (and so the headings) changed: the page redraws its contents list. */
    private readonly changed: () => void,
    /** The server closed the connection because the session ended. */
    private readonly signedOut: () => void,
  ) {
    this.element.className = 'master-text';
    this.provider = new WebsocketProvider(collabUrl(), sectionId, this.doc, { disableBc: true });
    this.provider.awareness.setLocalState(null);
    // The server tells every connection its access; a reader has nothing to do with it.
    this.provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => void decoding.readVarString(decoder);
    this.provider.on('sync', (synced) => {
      if (!synced) return;
      this.synced = true;
      this.render();
    });
    this.provider.on('closed', ({ code }) => {
      if (code === CLOSE_UNAUTHENTICATED) this.signedOut();
    });
    this.doc.on('update', () => this.schedule());
  }

  /** Which text to show; "approved" falls back to the draft when there is no approved text. */
  setMode(mode: TextMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.render();
  }

  setApproved(approved: ApprovedText | null): void {
    this.approval = approved;
    try {
      this.approvedDoc = approved ? schema.nodeFromJSON(approved.content) : null;
    } catch {
      // Stored JSON the schema cannot read: better the draft, marked as such, than nothing.
      this.approvedDoc = null;
    }
    if (this.mode === 'approved') this.render();
  }

  get approvedKnown(): boolean {
    return this.approvedDoc !== undefined;
  }

  /** In approved mode, whether the draft is shown because nothing has been approved yet. */
  get showsDraft(): boolean {
    return this.mode === 'current' || this.approvedDoc === null;
  }

  get empty(): boolean {
    return this.element.textContent?.trim() === '';
  }

  private schedule(): void {
    if (this.mode === 'approved' && this.approvedDoc) return;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.render();
    }, RENDER_DEBOUNCE_MS);
  }

  private render(): void {
    const node = this.mode === 'approved' && this.approvedDoc ? this.approvedDoc : this.draft();
    this.element.replaceChildren(serializer.serializeFragment(node.content));
    const tables = tablesOf(node, 'hours');
    this.hours = {
      totals: sectionHours(node),
      tables: tables.length,
      errors: tables.reduce((sum, table) => sum + hoursOf(table).rows.reduce((cells, row) => cells + row.errors.length, 0), 0),
    };
    this.headings = [...this.element.querySelectorAll<HTMLElement>('h4, h5, h6')]
      .map((element, index) => {
        element.id = `${this.sectionId}-h${index + 1}`;
        element.tabIndex = -1;
        return { id: element.id, level: Number(element.tagName.slice(1)) - 3, text: element.textContent?.trim() ?? '' };
      })
      .filter((heading) => heading.text !== '');
    this.changed();
  }

  /**
   * The draft as a ProseMirror document, read from a throwaway copy of the doc: y-prosemirror
   * deletes elements the schema rejects while converting, and that repair must never reach the
   * shared doc from a reader (the section's editors make it themselves).
   */
  private draft(): ProseMirrorNode {
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
      return yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(CONTENT_FRAGMENT), schema);
    } finally {
      copy.destroy();
    }
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.provider.destroy();
    this.doc.destroy();
  }
}
