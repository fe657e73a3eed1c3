/**
 * A sequential editing trace as the stream of Yjs updates its author's client would send: one
 * update per trace transaction, recorded once from a real Y.Doc and cached in the temp dir.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { type SequentialTraceName, applyPatches, loadSequentialTrace, tracePath } from '../../tests/support/traces';

export interface RecordedTrace {
  updates: Uint8Array[];
  endContent: string;
}

export function recordedTrace(name: SequentialTraceName, textName = 'text'): RecordedTrace {
  const stat = fs.statSync(tracePath(name));
  const key = crypto.createHash('sha1').update(`${name}:${stat.size}:${stat.mtimeMs}:${textName}:updates1`).digest('hex').slice(0, 16);
  const cached = path.join(os.tmpdir(), `syllabus-trace-updates-${name}-${key}.bin`);
  const trace = loadSequentialTrace(name);
  if (fs.existsSync(cached)) {
    const decoder = decoding.createDecoder(new Uint8Array(fs.readFileSync(cached)));
    const count = decoding.readVarUint(decoder);
    const updates: Uint8Array[] = [];
    for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
    return { updates, endContent: trace.endContent };
  }
  const doc = new Y.Doc();
  const text = doc.getText(textName);
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  if (trace.startContent) text.insert(0, trace.startContent);
  const state = { astral: false };
  for (const txn of trace.txns) doc.transact(() => applyPatches(text, txn.patches, state));
  if (text.toString() !== trace.endContent) throw new Error(`replaying ${name} did not give its endContent`);
  doc.destroy();
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, updates.length);
  for (const update of updates) encoding.writeVarUint8Array(encoder, update);
  fs.writeFileSync(`${cached}.${process.pid}`, encoding.toUint8Array(encoder));
  fs.renameSync(`${cached}.${process.pid}`, cached);
  return { updates, endContent: trace.endContent };
}
