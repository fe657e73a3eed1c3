/**
 * A text's formatting as judging a suggestion reads it (#17, #21): what one transaction added to and
 * removed from each Y.XmlText (`textEdits`, read from the struct store and the delete set rather than
 * by walking the text), and the marks at any character, kept per text between transactions
 * (`TextFormatting`) so that a keystroke's are read near it instead of from the paragraph's start.
 * Pure Yjs: nothing here knows what a suggestion is; `suggestion-rules.ts` judges with it.
 */
import * as Y from 'yjs';

/** A text's formatting at one place: attribute key (a mark, maybe `name--hash`) → value. */
export type Formatting = Map<string, unknown>;

export const NO_FORMATTING: Formatting = new Map();

/** Sets a formatting key as a formatting item does: `null` removes it. */
export function format(formatting: Formatting, key: string, value: unknown): void {
  if (value === null) formatting.delete(key);
  else formatting.set(key, value);
}

/** What one transaction did to one text's own items (not to its attributes). */
export interface TextEdit {
  /** Items it added that are in the text now. */
  added: Y.Item[];
  /** Items that were in the text before it and that it deleted. */
  removed: Y.Item[];
  /** Whether any of them is a formatting item: the marks of existing text may then have changed. */
  formatting: boolean;
}

/**
 * The items a transaction added to and deleted from each text, read from the struct store (what it
 * added is every struct past the state before it, what it deleted its delete set). Read while the
 * transaction's observers are about to be called: nothing is merged or collected yet.
 */
export function textEdits(transaction: Y.Transaction): Map<Y.XmlText, TextEdit> {
  const edits = new Map<Y.XmlText, TextEdit>();
  const { clients } = transaction.doc.store;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after === before) continue;
    const structs = clients.get(client)!;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const item = structs[i];
      if (item instanceof Y.Item && !item.deleted) note(edits, item, true);
    }
  }
  for (const [client, ranges] of transaction.deleteSet.clients) {
    const before = transaction.beforeState.get(client) ?? 0;
    const structs = clients.get(client)!;
    for (const { clock, len } of ranges) {
      // Yjs splits items where a deletion starts and ends: each range covers whole items.
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
        const item = structs[i];
        if (item instanceof Y.Item && item.id.clock < before) note(edits, item, false);
      }
    }
  }
  return edits;
}

/** Notes an item added to (or removed from) a text's own items. */
function note(edits: Map<Y.XmlText, TextEdit>, item: Y.Item, added: boolean): void {
  const text = item.parent;
  if (!(text instanceof Y.XmlText) || item.parentSub !== null) return;
  let edit = edits.get(text);
  if (!edit) edits.set(text, (edit = { added: [], removed: [], formatting: false }));
  (added ? edit.added : edit.removed).push(item);
  if (item.content instanceof Y.ContentFormat) edit.formatting = true;
}

/**
 * One text's formatting as it stands, kept between updates so that judging a keystroke reads the
 * marks near it instead of walking the paragraph from its start. Valid while no formatting item of
 * the text comes or goes (typing and deleting characters move no mark of any other character); the
 * shadow drops it when one does.
 */
export class TextFormatting {
  /** The formatting just before and just after each formatting item in the text. */
  private readonly around = new Map<Y.Item, readonly [Formatting, Formatting]>();
  /** The formatting at the end of the text. */
  private readonly end: Formatting;
  /**
   * A place whose formatting is known: an item of the text, and its id for when Yjs has merged
   * that item into the one left of it (typing merges each keystroke into the one before).
   */
  private anchor: { item: Y.Item; client: number; clock: number; formatting: Formatting } | null = null;

  constructor(private readonly text: Y.XmlText) {
    let current = NO_FORMATTING;
    for (let item = text._start; item !== null; item = item.right) {
      const content = item.content;
      if (!(content instanceof Y.ContentFormat) || item.deleted) continue;
      const next = new Map(current);
      format(next, content.key, content.value);
      this.around.set(item, [current, next]);
      current = next;
    }
    this.end = current;
  }

  /**
   * The formatting at a character or embed of the text (what the formatting items left of it
   * make). Walks out from it both ways to the nearest formatting item, end of the text or the
   * anchor, which then becomes this place.
   */
  at(item: Y.Item): Formatting {
    const anchor = this.anchorItem();
    let formatting: Formatting | null = item === anchor ? this.anchor!.formatting : null;
    for (let left = item.left, right = item.right; formatting === null; ) {
      if (left === null) formatting = NO_FORMATTING;
      else if (left === anchor) formatting = this.anchor!.formatting;
      else if (left.content instanceof Y.ContentFormat && !left.deleted) formatting = this.formattingItem(left)[1];
      else {
        left = left.left;
        if (right === null) formatting = this.end;
        else if (right === anchor) formatting = this.anchor!.formatting;
        else if (right.content instanceof Y.ContentFormat && !right.deleted) formatting = this.formattingItem(right)[0];
        else right = right.right;
      }
    }
    // The item left of a keystroke is usually the run it is merged into, where the next one lands.
    const left = item.left;
    const place = left !== null && !(left.content instanceof Y.ContentFormat) ? left : item;
    const known = (this.anchor ??= { item: place, client: 0, clock: 0, formatting });
    known.item = place;
    known.client = place.id.client;
    known.clock = place.id.clock;
    known.formatting = formatting;
    return formatting;
  }

  private formattingItem(item: Y.Item): readonly [Formatting, Formatting] {
    const around = this.around.get(item);
    // Never expected: every formatting item in the text was there when this was built.
    if (!around) throw new Error('a formatting item the text did not have');
    return around;
  }

  /** The item that holds the anchor's place now, if it is still one of the text's. */
  private anchorItem(): Y.Item | null {
    if (this.anchor === null) return null;
    const { item, client, clock } = this.anchor;
    // Still in the text's list (merging an item into its left unlinks it; splitting keeps its start).
    if (item.left === null ? this.text._start === item : item.left.right === item) return item;
    const structs = this.text.doc!.store.clients.get(client);
    const holder = structs?.[Y.findIndexSS(structs, clock)];
    return holder instanceof Y.Item && holder.parent === this.text && !(holder.content instanceof Y.ContentFormat) ? holder : null;
  }
}
