/**
 * What a `suggest` connection may change in a section (#17): read as a change to the document, an
 * update may do nothing but
 * (a) insert text that carries an `insertion` mark by the sender (other marks it inherits, such as
 *     bold, come with it: rejecting the suggestion removes them with the text),
 * (b) add a `deletion` mark by the sender to existing text,
 * (c) withdraw the sender's own open suggestions: delete text that carries their own `insertion`
 *     mark, or remove their own `deletion` mark. Removing an `insertion` mark would accept the
 *     suggestion, so it is refused; re-stamping one's own (a new `id` or `at`) is not.
 * Anything else — plain text, deleting other text, formatting existing text, attributes, new or
 * removed paragraphs and line breaks, marks in another person's name, any change outside the
 * ProseMirror fragment — is refused. `UpdateRules` has already checked client ids and the schema.
 *
 * Why a shadow copy: what an update does depends on where Yjs integrates its items among
 * everybody else's, and which marks cover a character depends on every formatting item before it
 * in the text. Yjs alone knows that, by integrating. So each section that has a suggesting
 * connection keeps a second Y.Doc mirroring the section (every update the section integrates is
 * applied to it too); an update from a suggesting connection is integrated there first, judged from
 * that transaction (what it added and deleted, and the marks each character had before and has
 * after), and only then applied to the section the normal way. The shadow already holds it then,
 * so the section's own update event for it is not mirrored a second time. A refused update has
 * changed the shadow: the shadow is dropped, and the next suggestion builds one from the section.
 *
 * Tried first in thought and not kept: judging the update's structs without integrating them
 * (as `UpdateRules` does). Which text a formatting item covers, and whether an inserted character
 * ends up inside someone's mark, depends on the integration order of concurrent items: redoing
 * Yjs's integration by hand is where the bugs would be. Building a throwaway copy of the section
 * per update costs a whole load (~75 ms for 57,000 characters); the shadow costs one more apply of
 * each update while someone suggests, and one load when the first suggestion arrives.
 *
 * What judging costs (#21, bench row h': at most 1.2× a plain apply of the update). The changes are
 * read from the transaction (the structs past the state before it, and its delete set), not by
 * walking the paragraph; a character's marks are read from the formatting kept per text between
 * updates (`TextFormatting`), walking out from the change only to the nearest formatting item, the
 * text's ends or the place judged last. Typing and deleting characters change no other
 * character's marks, so that stays valid until a transaction adds or removes a formatting item in
 * the text; one that does is judged by the whole walk, as before. Walking the paragraph from its
 * start for every update cost 1.6–2.4× an apply in a 5,190-character paragraph and 7.5–8.8× in a
 * 17,555-character one; now both are about 0.95× (`Shadow.leaveCleanup` below saves the rest).
 *
 * Items waiting for a dependency (Yjs's pending structs) cannot be judged: an update that would
 * leave anything waiting is not applied at all (`incomplete`); the connection asks for what the
 * section lacks, and the client's answer, everything at once, is judged whole. So the section
 * never holds a suggester's items that were not judged.
 */
import * as Y from 'yjs';
import { CONTENT_FRAGMENT } from '../../shared/schema';
import { markOf } from './update-rules';
import { type Formatting, type TextEdit, TextFormatting, format, textEdits } from './text-formatting';

export type SuggestionVerdict =
  | { kind: 'allowed' }
  | { kind: 'refused'; detail: string }
  /** Needs structs the section does not have yet: judged only once they come with it. */
  | { kind: 'incomplete' };

/** The transaction origin of a trial on the shadow, and of the shadow's mirroring. */
const TRIAL = Symbol('suggestion trial');
const MIRROR = Symbol('mirror of the section');
const NOT_SKIPPING = Symbol('not skipping');

const ALLOWED: SuggestionVerdict = { kind: 'allowed' };

/** A shared type as Yjs lists it among a transaction's changes. */
type SharedType = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never;

/** The section's document as Yjs has integrated it: without the structs still waiting. */
function integratedState(doc: Y.Doc): Uint8Array {
  // encodeStateAsUpdate adds the pending structs; the shadow must mirror only what the section
  // shows (an update completing them is mirrored whole when the section integrates it).
  const { pendingStructs, pendingDs } = doc.store;
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.store.pendingStructs = pendingStructs;
    doc.store.pendingDs = pendingDs;
  }
}

/** A second copy of one section's document that follows every update the section integrates. */
class Shadow {
  readonly doc = new Y.Doc();
  readonly fragment: Y.XmlFragment;
  /** The origin of the section update now being applied that the shadow already holds. */
  skip: unknown = NOT_SKIPPING;
  /** Who sent the trial now being integrated (null while none is), and its verdict once judged. */
  private suggester: number | null = null;
  private verdict: SuggestionVerdict = ALLOWED;
  /** Formatting of texts a suggestion was judged in, valid for the shadow as it stands. */
  private readonly formatting = new WeakMap<Y.XmlText, TextFormatting>();

  constructor(
    readonly section: Y.Doc,
    private readonly onDispose: (shadow: Shadow) => void,
  ) {
    this.fragment = this.doc.getXmlFragment(CONTENT_FRAGMENT);
    Y.applyUpdate(this.doc, integratedState(section), MIRROR);
    this.doc.on('beforeObserverCalls', this.observe);
    this.doc.on('afterTransaction', this.leaveCleanup);
    section.on('update', this.mirror);
    section.on('destroy', this.dispose);
  }

  /** Integrates a suggester's update into the shadow, judging it on the way. */
  judge(update: Uint8Array, personId: number): SuggestionVerdict {
    this.suggester = personId;
    this.verdict = ALLOWED;
    try {
      Y.applyUpdate(this.doc, update, TRIAL);
    } finally {
      this.suggester = null;
    }
    return this.verdict;
  }

  /** The formatting kept of a text, read from it now if none is (used only while no formatting item changes). */
  formattingOf(text: Y.XmlText): TextFormatting {
    let formatting = this.formatting.get(text);
    if (!formatting) this.formatting.set(text, (formatting = new TextFormatting(text)));
    return formatting;
  }

  /**
   * Every transaction on the shadow, once integrated: a trial is judged, and any transaction that
   * added or removed formatting in a text drops what is kept of that text's formatting.
   */
  private readonly observe = (transaction: Y.Transaction): void => {
    let edits: Map<Y.XmlText, TextEdit> | null = null;
    if (transaction.origin === TRIAL && this.suggester !== null) {
      try {
        edits = textEdits(transaction);
        const problem = new SuggestedChange(transaction, this, edits, this.suggester).problem();
        if (problem) this.verdict = { kind: 'refused', detail: problem };
      } catch (error) {
        this.verdict = { kind: 'refused', detail: `could not be read as suggestions (${String(error)})` };
      }
    }
    if (edits === null) {
      let kept = false;
      for (const type of transaction.changed.keys()) kept ||= type instanceof Y.XmlText && this.formatting.has(type);
      if (!kept) return;
      edits = textEdits(transaction);
    }
    for (const [text, edit] of edits) if (edit.formatting) this.formatting.delete(text);
  };

  /**
   * After integrating an update, Yjs deletes formatting items it made redundant, in a transaction
   * of its own (`cleanupYTextAfterTransaction`; about a quarter of the cost of applying a
   * keystroke). A trial leaves that to the section: applying the update, the section makes the same
   * cleanup, and its update for it is mirrored here (only the update itself is skipped). Marks are
   * the same either way — the items removed change no character's formatting.
   */
  private readonly leaveCleanup = (transaction: Y.Transaction): void => {
    if (transaction.origin === TRIAL) transaction._needFormattingCleanup = false;
  };

  private readonly mirror = (update: Uint8Array, origin: unknown): void => {
    // Only the update itself: the section's formatting cleanup after it comes next, with no origin.
    if (origin === this.skip) {
      this.skip = NOT_SKIPPING;
      return;
    }
    try {
      Y.applyUpdate(this.doc, update, MIRROR);
    } catch (error) {
      // Never expected; a shadow that may differ from the section must not judge anything.
      console.error('[collab] the suggestion shadow could not follow its section; dropped', error);
      this.dispose();
    }
  };

  readonly dispose = (): void => {
    this.section.off('update', this.mirror);
    this.section.off('destroy', this.dispose);
    this.doc.off('beforeObserverCalls', this.observe);
    this.doc.off('afterTransaction', this.leaveCleanup);
    this.doc.destroy();
    this.onDispose(this);
  };
}

const shadows = new WeakMap<Y.Doc, Shadow>();

function shadowOf(doc: Y.Doc): Shadow {
  let shadow = shadows.get(doc);
  if (!shadow) {
    shadow = new Shadow(doc, (disposed) => {
      if (shadows.get(doc) === disposed) shadows.delete(doc);
    });
    shadows.set(doc, shadow);
  }
  return shadow;
}

export const SuggestionRules = {
  /**
   * Judges an update from person `personId` on a suggesting connection by integrating it into the
   * section's shadow. The section itself is not touched: apply an allowed update with `apply`.
   */
  check(doc: Y.Doc, update: Uint8Array, personId: number): SuggestionVerdict {
    const shadow = shadowOf(doc);
    let result: SuggestionVerdict;
    try {
      result = shadow.judge(update, personId);
    } catch (error) {
      shadow.dispose();
      throw error;
    }
    const waiting = shadow.doc.store.pendingStructs !== null || shadow.doc.store.pendingDs !== null;
    if (result.kind === 'refused' || waiting) {
      // The shadow holds what the section will not: rebuilt from the section when next needed.
      shadow.dispose();
      return result.kind === 'refused' ? result : { kind: 'incomplete' };
    }
    return result;
  },

  /** Applies an update `check` allowed to the section, as any update is applied. */
  apply(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
    const shadow = shadows.get(doc);
    // With nothing waiting in the section, it integrates exactly what the shadow did: its update
    // event need not be mirrored. With something waiting, the update may complete it: mirrored
    // then (Yjs skips the structs the shadow has).
    const nothingWaiting = doc.store.pendingStructs === null && doc.store.pendingDs === null;
    if (shadow && nothingWaiting) shadow.skip = origin;
    try {
      Y.applyUpdate(doc, update, origin);
    } finally {
      if (shadow) shadow.skip = NOT_SKIPPING;
    }
  },

  /** Drops the section's shadow (nobody suggests there any more); the next suggestion makes one. */
  release(doc: Y.Doc): void {
    shadows.get(doc)?.dispose();
  },

  /** Whether the section has a shadow now (for tests and the bench). */
  shadowed(doc: Y.Doc): boolean {
    return shadows.has(doc);
  },
};

/** Yjs's own equality of formatting values: the same value, or objects with the same fields. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => key in right && left[key] === right[key]);
}

/** The suggestion mark a formatting key names, if it names one. */
function suggestionMark(key: string): 'insertion' | 'deletion' | null {
  let mark = suggestionMarks.get(key);
  if (mark === undefined) {
    const name = markOf(key)?.name;
    mark = name === 'insertion' || name === 'deletion' ? name : null;
    // A few keys per mark (y-prosemirror adds a hash for overlapping ones); bounded all the same.
    if (suggestionMarks.size >= 10_000) suggestionMarks.clear();
    suggestionMarks.set(key, mark);
  }
  return mark;
}

/** Formatting keys read so far, and the suggestion mark each names (judging reads them per character). */
const suggestionMarks = new Map<string, 'insertion' | 'deletion' | null>();

/** One transaction on the shadow, read as a change to the document by one person. */
class SuggestedChange {
  constructor(
    private readonly transaction: Y.Transaction,
    private readonly shadow: Shadow,
    private readonly edits: Map<Y.XmlText, TextEdit>,
    private readonly personId: number,
  ) {}

  /** Why the change is more than suggestions by its sender, or null when it is only that. */
  problem(): string | null {
    for (const [type, keys] of this.transaction.changed) {
      if (!this.inFragment(type)) return 'a change outside the section’s text';
      // A type deleted now is judged where it was removed, in its parent.
      if (type._item?.deleted) continue;
      for (const key of keys) if (key !== null) return `an attribute "${key}" changed`;
      const problem = type instanceof Y.XmlText ? this.textChange(type) : this.childrenChange(type);
      if (problem) return problem;
    }
    return null;
  }

  private inFragment(type: SharedType): boolean {
    let root = type;
    while (root._item !== null) root = root._item.parent as SharedType;
    return (root as unknown) === this.shadow.fragment;
  }

  /** The last client looked up, and its clock before the transaction (items come in runs of one client). */
  private client = -1;
  private clientClock = 0;

  private added(item: Y.Item): boolean {
    if (item.id.client !== this.client) {
      this.client = item.id.client;
      this.clientClock = this.transaction.beforeState.get(this.client) ?? 0;
    }
    return item.id.clock >= this.clientClock;
  }

  /** Part of the document before this transaction (deleted by it, or not at all). */
  private existedBefore(item: Y.Item): boolean {
    return !this.added(item) && (!item.deleted || Y.isDeleted(this.transaction.deleteSet, item.id));
  }

  private bySender(value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { author?: unknown }).author === this.personId;
  }

  /** Inserted text: it carries the sender's insertion, and no suggestion mark of anybody else. */
  private insertedProblem(after: Formatting): string | null {
    let ownInsertion = false;
    for (const [key, value] of after) {
      const mark = suggestionMark(key);
      if (!mark) continue;
      if (!this.bySender(value)) return `inserted text carries the ${mark} mark of another person`;
      if (mark === 'insertion') ownInsertion = true;
    }
    return ownInsertion ? null : 'inserted text without the sender’s insertion mark';
  }

  /** Text deleted now: it must have been the sender's own suggested insertion. */
  private deletedProblem(before: Formatting): string | null {
    for (const [key, value] of before) {
      if (suggestionMark(key) === 'insertion' && this.bySender(value)) return null;
    }
    return 'deleted text that is not the sender’s own suggestion';
  }

  /** Existing text whose marks changed: only the sender's deletion marks, added or removed. */
  private formattingProblem(before: Formatting, after: Formatting): string | null {
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      const old = before.get(key);
      const now = after.get(key);
      if (sameValue(old, now)) continue;
      const mark = suggestionMark(key);
      if (mark === 'deletion') {
        if ((old === undefined || this.bySender(old)) && (now === undefined || this.bySender(now))) continue;
        return 'a deletion mark of another person changed';
      }
      // One's own insertion may be re-stamped (a new id or time), never taken off (that accepts it).
      if (mark === 'insertion' && this.bySender(old) && this.bySender(now)) continue;
      return mark === 'insertion' ? 'an insertion mark added to or taken off existing text' : `formatting "${key}" of existing text changed`;
    }
    return null;
  }

  /**
   * Judges what the transaction did to one text. Typing and deleting characters change no other
   * character's marks: then only the items added and removed are judged, each with the formatting
   * at its place (read near it, `TextFormatting`), and the cost does not grow with the paragraph.
   * Formatting added or removed may change the marks of everything right of it: then the whole
   * text is walked.
   */
  private textChange(text: Y.XmlText): string | null {
    const edit = this.edits.get(text);
    if (!edit) return null;
    if (edit.formatting) return this.walk(text);
    const formatting = this.shadow.formattingOf(text);
    for (const item of edit.added) {
      const problem = item.content instanceof Y.ContentString ? this.insertedProblem(formatting.at(item)) : 'only text may be suggested';
      if (problem) return problem;
    }
    for (const item of edit.removed) {
      const problem = this.deletedProblem(formatting.at(item));
      if (problem) return problem;
    }
    return null;
  }

  /**
   * Walks one text's items once, keeping the formatting each place had before the transaction and
   * has after it, and judges every character inserted, deleted or reformatted. The common item —
   * there before and after, no formatting changed to its left — costs one lookup and no comparison.
   */
  private walk(text: Y.XmlText): string | null {
    const before: Formatting = new Map();
    const after: Formatting = new Map();
    // Whether a formatting item added or deleted now lies to the left: only then may the two differ.
    let formattingChanged = false;
    let compared: string | null | undefined;
    for (let item = text._start; item !== null; item = item.right) {
      const content = item.content;
      // Content deleted by an earlier transaction (or arriving deleted): neither before nor after.
      if (content instanceof Y.ContentDeleted) continue;
      const was = this.existedBefore(item);
      const is = !item.deleted;
      if (content instanceof Y.ContentFormat) {
        if (was) format(before, content.key, content.value);
        if (is) format(after, content.key, content.value);
        if (was !== is) formattingChanged = true;
        compared = undefined;
        continue;
      }
      let problem: string | null = null;
      if (is && !was) {
        problem = content instanceof Y.ContentString ? this.insertedProblem(after) : 'only text may be suggested';
      } else if (was && !is) {
        problem = this.deletedProblem(before);
      } else if (was && is && formattingChanged) {
        compared ??= this.formattingProblem(before, after);
        problem = compared;
      }
      if (problem) return problem;
    }
    return null;
  }

  /** An element's (or the fragment's) children: only texts of the sender's own suggestions come and go. */
  private childrenChange(parent: SharedType): string | null {
    for (let item = parent._start; item !== null; item = item.right) {
      const was = this.existedBefore(item);
      const is = !item.deleted;
      if (was === is) continue;
      const type = item.content instanceof Y.ContentType ? item.content.type : null;
      // Typing into an empty paragraph (or after a line break at its end) makes a new text in it,
      // and withdrawing all of it removes that text again.
      if (!(type instanceof Y.XmlText) || !(parent instanceof Y.XmlElement)) {
        return is ? 'a new element or paragraph' : 'an element or paragraph removed';
      }
      const problem = is ? this.newTextProblem(type) : this.removedTextProblem(type);
      if (problem) return problem;
    }
    return null;
  }

  /** A text made by this transaction: all of it the sender's suggested insertion. */
  private newTextProblem(text: Y.XmlText): string | null {
    const after: Formatting = new Map();
    for (let item = text._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      const content = item.content;
      if (content instanceof Y.ContentFormat) format(after, content.key, content.value);
      else if (!(content instanceof Y.ContentString)) return 'only text may be suggested';
      else {
        const problem = this.insertedProblem(after);
        if (problem) return problem;
      }
    }
    return null;
  }

  /** A text removed by this transaction: everything it held was the sender's suggested insertion. */
  private removedTextProblem(text: Y.XmlText): string | null {
    const before: Formatting = new Map();
    for (let item = text._start; item !== null; item = item.right) {
      if (!this.existedBefore(item)) continue;
      const content = item.content;
      if (content instanceof Y.ContentFormat) format(before, content.key, content.value);
      else {
        const problem = this.deletedProblem(before);
        if (problem) return problem;
      }
    }
    return null;
  }
}
