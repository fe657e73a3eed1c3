/**
 * (h) What checking an incoming update costs the server (client ids and schema,
 * `server/collab/update-rules.ts`), as a ratio to applying it: the seph-blog1 trace typed the way
 * the editor writes (characters into a paragraph's text in the ProseMirror fragment), every update
 * checked against the document as it stood, then applied. In this process, no server: the cost of
 * the check alone, without network or storage around it.
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
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
}

/** The trace's updates as an editor's client would send them (one per transaction). */
function editorUpdates(limit: number): Uint8Array[] {
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
  for (const txn of trace.txns.slice(0, limit)) doc.transact(() => applyPatches(text, txn.patches, state));
  doc.destroy();
  return updates;
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
      const { structs } = Y.decodeUpdate(update);
      const t0 = performance.now();
      const refusal = UpdateRules.check(doc, structs, 1, OWNERS);
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
  return result;
}
