/**
 * An hour of offline typing, as the editor writes it (issue #16 item 6): a 60,000-character section
 * built through the shared schema and y-prosemirror, a `Typist` that edits a Y.Doc the way
 * y-prosemirror's sync plugin does (one ProseMirror transaction per keystroke, turned into one Yjs
 * transaction by `updateYFragment`), and the sizes and costs a reconnect after it meets.
 */
import { performance } from 'node:perf_hooks';
import { baseKeymap, chainCommands, toggleMark } from 'prosemirror-commands';
import { splitListItem } from 'prosemirror-schema-list';
import { type Command, EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import * as encoding from 'lib0/encoding';
import { initProseMirrorDoc, prosemirrorJSONToYXmlFragment, updateYFragment, ySyncPluginKey } from 'y-prosemirror';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { UpdateRules } from '../../server/collab/update-rules';
import { MESSAGE_SYNC } from '../../shared/collab-protocol';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { seededRandom } from './raw-socket';

const WORDS = (
  'международное миграционное право возвратная миграция реинтеграция трудящиеся мигранты государства ' +
  'происхождения назначения конвенция протокол защита права человека добровольное возвращение ' +
  'Казахстан Кыргызстан Таджикистан Туркменистан Узбекистан МОМ соглашение реадмиссия граждане ' +
  'семьи детей образование занятость социальное обеспечение консульская помощь регион курс лекция ' +
  'семинар практика студенты анализ исследование источник обязательства сотрудничество управление'
).split(' ');

/** Sentences of the working groups' Russian (two bytes a letter in an update, as most of the syllabus is). */
function sentence(random: () => number, words = 8 + Math.floor(random() * 14)): string {
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]);
  const text = picked.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

const text = (value: string, marks?: string[]) =>
  marks ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) } : { type: 'text', text: value };

/** A paragraph of a few sentences, some words bold or italic. */
function richParagraph(random: () => number, sentences: number) {
  const content = [];
  for (let i = 0; i < sentences; i++) {
    const line = `${sentence(random)} `;
    const roll = random();
    if (roll < 0.15) content.push(text(line, ['bold']));
    else if (roll < 0.25) content.push(text(line, ['italic']));
    else content.push(text(line));
  }
  return { type: 'paragraph', content };
}

const cell = (type: 'table_cell' | 'table_header', value: string) => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null },
  content: [{ type: 'paragraph', content: [text(value)] }],
});

/**
 * ProseMirror JSON of a section of at least `characters` characters of text: modules with a heading,
 * paragraphs, a bullet list of topics and a table of hours, as the syllabus sections are written.
 */
export function sectionJSON(characters: number, random: () => number) {
  const content: unknown[] = [{ type: 'heading', attrs: { level: 1 }, content: [text('Международное миграционное право')] }];
  let length = 0;
  for (let module = 1; length < characters; module++) {
    const blocks: unknown[] = [
      { type: 'heading', attrs: { level: 2 }, content: [text(`Модуль ${module}. ${sentence(random, 4)}`)] },
      ...Array.from({ length: 4 }, () => richParagraph(random, 3 + Math.floor(random() * 4))),
      {
        type: 'bullet_list',
        content: Array.from({ length: 4 }, () => ({ type: 'list_item', content: [{ type: 'paragraph', content: [text(sentence(random, 5))] }] })),
      },
      {
        type: 'table',
        content: [
          { type: 'table_row', content: [cell('table_header', 'Тема'), cell('table_header', 'Часы')] },
          ...Array.from({ length: 3 }, () => ({
            type: 'table_row',
            content: [cell('table_cell', sentence(random, 4)), cell('table_cell', String(2 + Math.floor(random() * 6)))],
          })),
        ],
      },
    ];
    content.push(...blocks);
    length = schema.nodeFromJSON({ type: 'doc', content }).textContent.length;
  }
  return { type: 'doc', content };
}

/** A Y.Doc holding `json` in its ProseMirror fragment, written by y-prosemirror as the editor would. */
export function docWith(json: unknown): Y.Doc {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(CONTENT_FRAGMENT));
  return doc;
}

/** The plain text of a section's ProseMirror fragment. */
export function textOf(doc: Y.Doc): string {
  return initProseMirrorDoc(doc.getXmlFragment(CONTENT_FRAGMENT), schema).doc.textContent;
}

const enter = chainCommands(splitListItem(schema.nodes.list_item), baseKeymap.Enter);
const toggleBold = toggleMark(schema.marks.bold);

/**
 * One person at the editor of a section: an EditorState bound to the Y.Doc's fragment the way
 * `ySyncPlugin` binds it. Each key is one ProseMirror transaction, written to Yjs as the plugin's
 * view update writes it (`updateYFragment` in one Yjs transaction with the plugin's origin), so
 * each key that changes the text is one Yjs update. Changes from elsewhere re-read the document.
 */
export class Typist {
  private state: EditorState;
  private meta: ReturnType<typeof initProseMirrorDoc>['meta'];
  private readonly fragment: Y.XmlFragment;

  constructor(private readonly doc: Y.Doc) {
    this.fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    const init = initProseMirrorDoc(this.fragment, schema);
    this.meta = init.meta;
    this.state = EditorState.create({ schema, doc: init.doc });
    this.fragment.observeDeep((_events, transaction) => {
      if (transaction.origin !== ySyncPluginKey) this.reload();
    });
  }

  /** Types one character where the cursor is (with the marks stored by a toggle, or those around it). */
  type(character: string): void {
    this.dispatch(this.state.tr.insertText(character));
  }

  /** Backspace: the browser deletes a character inside a text block; at its start the keymap joins. */
  backspace(): void {
    const { $from, empty } = this.state.selection;
    if (empty && $from.parentOffset > 0) this.dispatch(this.state.tr.delete($from.pos - 1, $from.pos));
    else this.run(baseKeymap.Backspace);
  }

  /** Enter, as the editor's keymap has it: a new list item inside a list, else a split block. */
  enter(): void {
    this.run(enter);
  }

  /** Mod-b with nothing selected: the next characters are typed bold (or no longer bold). */
  toggleBold(): void {
    this.run(toggleBold);
  }

  /** Puts the cursor at a random place inside a random text block (a click elsewhere in the section). */
  jump(random: () => number): void {
    const blocks: { pos: number; size: number }[] = [];
    this.state.doc.descendants((node, pos) => {
      if (node.isTextblock) blocks.push({ pos: pos + 1, size: node.content.size });
      return !node.isTextblock;
    });
    const block = blocks[Math.floor(random() * blocks.length)];
    const pos = block.pos + Math.floor(random() * (block.size + 1));
    this.dispatch(this.state.tr.setSelection(TextSelection.create(this.state.doc, pos)));
  }

  private run(command: Command): void {
    command(this.state, (tr) => this.dispatch(tr));
  }

  private dispatch(tr: Transaction): void {
    this.state = this.state.apply(tr);
    if (!tr.docChanged) return;
    this.doc.transact((transaction) => {
      transaction.meta.set('addToHistory', true);
      updateYFragment(this.doc, this.fragment, this.state.doc, this.meta);
    }, ySyncPluginKey);
  }

  private reload(): void {
    const init = initProseMirrorDoc(this.fragment, schema);
    this.meta = init.meta;
    const pos = Math.min(this.state.selection.from, init.doc.content.size);
    const selection = TextSelection.near(init.doc.resolve(pos));
    this.state = EditorState.create({ schema, doc: init.doc, selection });
  }
}

/** How a person types: keys per minute, minutes, and how many keys between clicks elsewhere. */
export interface TypingPlan {
  minutes: number;
  keysPerMinute: number;
  jumpEvery: number;
}

export const OFFLINE_HOUR: TypingPlan = { minutes: 60, keysPerMinute: 250, jumpEvery: 200 };
export const SCATTERED_TWO_HOURS: TypingPlan = { minutes: 120, keysPerMinute: 250, jumpEvery: 20 };

/** What a stretch of typing did. */
export interface Typed {
  keys: number;
  characters: number;
  backspaces: number;
  enters: number;
  boldToggles: number;
  jumps: number;
}

/**
 * Types `keys` keystrokes: words and sentences, ~10 % backspaces, a new paragraph every ~200 keys,
 * a bold toggle every ~200, and a click elsewhere every `jumpEvery` keys (the first key included).
 */
export function typeKeys(typist: Typist, keys: number, jumpEvery: number, random: () => number, typed?: Typed): Typed {
  const counts = typed ?? { keys: 0, characters: 0, backspaces: 0, enters: 0, boldToggles: 0, jumps: 0 };
  let line = '';
  for (let i = 0; i < keys; i++) {
    if (counts.keys % jumpEvery === 0) {
      typist.jump(random);
      counts.jumps++;
      line = ' ';
    }
    counts.keys++;
    const roll = random();
    if (roll < 0.1) {
      typist.backspace();
      counts.backspaces++;
    } else if (roll < 0.105) {
      typist.enter();
      counts.enters++;
    } else if (roll < 0.11) {
      typist.toggleBold();
      counts.boldToggles++;
    } else {
      if (line.length === 0) line = `${sentence(random)} `;
      typist.type(line[0]);
      line = line.slice(1);
      counts.characters++;
    }
  }
  return counts;
}

/** The message a y-websocket client answers the server's sync step 1 with: everything it lacks. */
export function syncStep2Message(doc: Y.Doc, serverStateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, serverStateVector);
  return encoding.toUint8Array(encoder);
}

/** Milliseconds the server spends on one incoming update, step by step as `Connection` takes it. */
export interface UpdateCost {
  /** Structs in the update: what the check walks. */
  structs: number;
  decodeMs: number;
  checkMs: number;
  applyMs: number;
}

/** Times decoding, checking (`UpdateRules`) and applying `update` on a copy of `serverDoc`. */
export function updateCost(serverDoc: Y.Doc, update: Uint8Array): UpdateCost {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(serverDoc));
  const t0 = performance.now();
  const { structs, ds } = Y.decodeUpdate(update);
  const t1 = performance.now();
  const refusal = UpdateRules.check(copy, structs, 1, { ownerOf: () => null }, ds);
  const t2 = performance.now();
  if (refusal) throw new Error(`the editor's own update was refused: ${JSON.stringify(refusal)}`);
  Y.applyUpdate(copy, update);
  const t3 = performance.now();
  copy.destroy();
  const ms = (value: number) => Math.round(value * 10) / 10;
  return { structs: structs.length, decodeMs: ms(t1 - t0), checkMs: ms(t2 - t1), applyMs: ms(t3 - t2) };
}

/** The sizes an offline session leaves behind, in bytes, and what it typed. */
export interface OfflineSession {
  plan: TypingPlan;
  typed: Typed;
  /** Yjs updates the offline editor made (one per key that changed the text). */
  updates: number;
  /** The sync step 2 message sent on reconnect (the whole offline diff, framed). */
  syncStep2Bytes: number;
  /** y-indexeddb's log before it compacts: every update as it was made. */
  updateLogBytes: number;
  /** The same store merged into one update (`Y.encodeStateAsUpdate` of the offline document). */
  mergedStoreBytes: number;
  /** The section's whole state before the session, for scale. */
  sectionBytes: number;
  sectionCharacters: number;
  cost: UpdateCost;
}

/** Collects the Yjs updates a document makes from now on. */
export function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  return updates;
}

/**
 * In memory, no server: a section of `characters`; one person types `plan` on a copy of it while
 * offline, a colleague types `colleagueKeys` on the server's copy meanwhile; then measures what the
 * reconnect sends and what the offline store holds, and checks that both sides merge to one text.
 */
export function simulateOfflineSession(plan: TypingPlan, seed: number, characters = 60_000, colleagueKeys = 1_500): OfflineSession {
  const random = seededRandom(seed);
  const serverDoc = docWith(sectionJSON(characters, random));
  const sectionBytes = Y.encodeStateAsUpdate(serverDoc).byteLength;
  const sectionCharacters = textOf(serverDoc).length;
  const offlineDoc = new Y.Doc();
  Y.applyUpdate(offlineDoc, Y.encodeStateAsUpdate(serverDoc));
  const updates = recordUpdates(offlineDoc);
  const typed = typeKeys(new Typist(offlineDoc), plan.minutes * plan.keysPerMinute, plan.jumpEvery, random);
  const mergedStoreBytes = Y.encodeStateAsUpdate(offlineDoc).byteLength;

  const colleagueDoc = new Y.Doc();
  Y.applyUpdate(colleagueDoc, Y.encodeStateAsUpdate(serverDoc));
  colleagueDoc.on('update', (update: Uint8Array) => Y.applyUpdate(serverDoc, update));
  typeKeys(new Typist(colleagueDoc), colleagueKeys, 200, random);

  const serverStateVector = Y.encodeStateVector(serverDoc);
  const step2 = syncStep2Message(offlineDoc, serverStateVector);
  const diff = Y.encodeStateAsUpdate(offlineDoc, serverStateVector);
  const cost = updateCost(serverDoc, diff);
  Y.applyUpdate(serverDoc, diff);
  Y.applyUpdate(offlineDoc, Y.encodeStateAsUpdate(serverDoc, Y.encodeStateVector(offlineDoc)));
  if (textOf(serverDoc) !== textOf(offlineDoc)) throw new Error('the offline and server copies did not converge');

  const session: OfflineSession = {
    plan,
    typed,
    updates: updates.length,
    syncStep2Bytes: step2.byteLength,
    updateLogBytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
    mergedStoreBytes,
    sectionBytes,
    sectionCharacters,
    cost,
  };
  for (const doc of [serverDoc, offlineDoc, colleagueDoc]) doc.destroy();
  return session;
}

/** One line of bytes for a report: "123,456 B (120.6 KiB)". */
export function bytes(value: number): string {
  return `${value.toLocaleString('en')} B (${(value / 1024).toFixed(1)} KiB)`;
}
