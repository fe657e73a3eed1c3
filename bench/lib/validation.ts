/**
 * (h) What checking an incoming update costs the server (client ids and schema,
 * `server/collab/update-rules.ts`), as a ratio to applying it: the seph-blog1 trace typed the way
 * the editor writes (characters into a paragraph's text in the ProseMirror fragment), every update
 * checked against the document as it stood, then applied. In this process, no server: the cost of
 * the check alone, without network or storage around it.
 *
 * (h') The same for a reviewer's update on a `suggest` connection (#17,
 * `server/collab/suggestion-rules.ts`): the trace typed as one suggestion (every insertion carries
 * the reviewer's `insertion` mark; the trace's deletions then withdraw the reviewer's own text),
 * each update judged on the section's shadow and then applied. Judging reads the marks near each
 * change, and is measured twice: over the trace's first 20,000 updates, which grow one paragraph to
 * 17,555 characters (the worst case, no syllabus paragraph is that long), and over its first 1,500
 * (5,190 characters, a long syllabus paragraph). The whole trace in one paragraph (57,000
 * characters) took more than ten minutes to judge when judging walked the paragraph from its
 * start: the worst case stops at 20,000 updates in the full run too.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { SuggestionRules } from '../../server/collab/suggestion-rules';
import { UpdateRules } from '../../server/collab/update-rules';
import { CONTENT_FRAGMENT } from '../../shared/schema';
import { applyPatches, loadSequentialTrace } from '../../tests/support/traces';
import { median } from './stats';

export interface ValidationPhase {
  updates: number;
  /** Microseconds per update, median of the repeats. */
  applyUsPerUpdate: number;
  checkUsPerUpdate: number;
  /** check / apply. */
  ratio: number;
  repeats: number;
  /** Suggestions judged over the trace's first 20,000 updates (one paragraph grown to 17,555 characters). */
  suggestWorst?: SuggestionCost;
  /** Suggestions judged in a paragraph of syllabus size (the trace's first updates). */
  suggestParagraph?: SuggestionCost;
}

export interface SuggestionCost {
  updates: number;
  /** Characters of the paragraph at the end. */
  characters: number;
  /** Microseconds per update, median of the repeats: a plain apply, and judging on the shadow. */
  applyUsPerUpdate: number;
  checkUsPerUpdate: number;
  /** check / apply: what a suggest update costs beyond an edit's apply. */
  ratio: number;
}

/** The person the suggestions are by. */
const SUGGESTER = 1;
const SUGGESTION = { insertion: { id: 'bench', author: SUGGESTER, at: 0 } };
/** The origin the section applies a judged update with (the server's is the suggester's connection). */
const SUGGESTER_CONNECTION = Symbol('suggester connection');
/** The worst case's length: the trace's first updates, one paragraph grown to 17,555 characters. */
const WORST_UPDATES = 20_000;

/**
 * The trace's updates as an editor's client would send them (one per transaction); with
 * `suggesting`, every insertion carries the suggester's insertion mark (the first update, the empty
 * paragraph, is the working group's).
 */
function editorUpdates(limit: number, suggesting = false): Uint8Array[] {
  const trace = loadSequentialTrace('seph-blog1');
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [paragraph]);
  const updates: Uint8Array[] = [Y.encodeStateAsUpdate(doc)];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  if (trace.startContent) text.insert(0, trace.startContent);
  const state = { astral: false };
  // The trace has no surrogate pairs (it never leaves UTF-16's first plane): indexes are positions.
  const target = suggesting ? suggestingText(text) : text;
  for (const txn of trace.txns.slice(0, limit)) doc.transact(() => applyPatches(target, txn.patches, state));
  doc.destroy();
  return updates;
}

/** A view of `text` whose insertions carry the suggester's insertion mark. */
function suggestingText(text: Y.XmlText): Y.XmlText {
  return new Proxy(text, {
    get(target, key, receiver) {
      if (key === 'insert') return (index: number, content: string) => target.insert(index, content, SUGGESTION);
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Times judging each update on the shadow against a plain apply of it to a copy. */
function suggestionCost(updates: Uint8Array[], repeats: number): SuggestionCost {
  const apply: number[] = [];
  const check: number[] = [];
  let characters = 0;
  for (let round = 0; round < repeats; round++) {
    const plain = new Y.Doc();
    const section = new Y.Doc();
    // The working group's empty paragraph, before anybody suggests.
    Y.applyUpdate(plain, updates[0]);
    Y.applyUpdate(section, updates[0]);
    let applyMs = 0;
    let checkMs = 0;
    for (const update of updates.slice(1)) {
      const t0 = performance.now();
      Y.applyUpdate(plain, update);
      const t1 = performance.now();
      const verdict = SuggestionRules.check(section, update, SUGGESTER);
      const t2 = performance.now();
      if (verdict.kind !== 'allowed') throw new Error(`a proper suggestion was not taken: ${JSON.stringify(verdict)}`);
      SuggestionRules.apply(section, update, SUGGESTER_CONNECTION);
      applyMs += t1 - t0;
      checkMs += t2 - t1;
    }
    characters = ((section.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText).length;
    plain.destroy();
    section.destroy();
    apply.push((applyMs * 1000) / (updates.length - 1));
    check.push((checkMs * 1000) / (updates.length - 1));
  }
  return {
    updates: updates.length - 1,
    characters,
    applyUsPerUpdate: Math.round(median(apply) * 100) / 100,
    checkUsPerUpdate: Math.round(median(check) * 100) / 100,
    ratio: Math.round((median(check) / median(apply)) * 100) / 100,
  };
}

const OWNERS = { ownerOf: () => null };

export function validationPhase(quick: boolean, log: (line: string) => void): ValidationPhase {
  const updates = editorUpdates(quick ? 20_000 : Number.POSITIVE_INFINITY);
  const repeats = quick ? 3 : 5;
  const apply: number[] = [];
  const check: number[] = [];
  for (let round = 0; round < repeats; round++) {
    const doc = new Y.Doc();
    let applyMs = 0;
    let checkMs = 0;
    for (const update of updates) {
      // The server decodes every update before applying it either way (a truncated one must
      // never be half applied), so the decode belongs to neither side.
      const { structs, ds } = Y.decodeUpdate(update);
      const t0 = performance.now();
      const refusal = UpdateRules.check(doc, structs, 1, OWNERS, ds);
      const t1 = performance.now();
      if (refusal) throw new Error(`the editor's own update was refused: ${JSON.stringify(refusal)}`);
      Y.applyUpdate(doc, update);
      const t2 = performance.now();
      checkMs += t1 - t0;
      applyMs += t2 - t1;
    }
    doc.destroy();
    apply.push((applyMs * 1000) / updates.length);
    check.push((checkMs * 1000) / updates.length);
  }
  const result = {
    updates: updates.length,
    applyUsPerUpdate: Math.round(median(apply) * 100) / 100,
    checkUsPerUpdate: Math.round(median(check) * 100) / 100,
    ratio: Math.round((median(check) / median(apply)) * 100) / 100,
    repeats,
  };
  log(`  ${result.updates} updates × ${repeats}: apply ${result.applyUsPerUpdate} µs, check ${result.checkUsPerUpdate} µs per update (check/apply ${result.ratio}×)`);
  const suggestions = editorUpdates(WORST_UPDATES, true);
  const suggestWorst = suggestionCost(suggestions, repeats);
  const suggestParagraph = suggestionCost(suggestions.slice(0, PARAGRAPH_UPDATES + 1), repeats * 4);
  const worst = `the trace's first ${WORST_UPDATES.toLocaleString('en')} updates in one paragraph (the worst case)`;
  for (const [what, cost] of [[worst, suggestWorst], ['a syllabus-size paragraph', suggestParagraph]] as const) {
    log(`  suggestions, ${what} (${cost.characters} characters): ${cost.updates} updates, apply ${cost.applyUsPerUpdate} µs, judging ${cost.checkUsPerUpdate} µs per update (judging/apply ${cost.ratio}×)`);
  }
  return { ...result, suggestWorst, suggestParagraph };
}

/** The trace's first updates: they leave a paragraph of 5,190 characters. */
const PARAGRAPH_UPDATES = 1_500;
