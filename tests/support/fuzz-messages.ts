/**
 * Protocol fuzzing material for the collab endpoint: real y-websocket messages made from a real
 * document, and mutations of them (random bytes, truncation, bit flips, huge varints, lying
 * lengths, splices, malformed presence), drawn from a seeded PRNG so that a run can be replayed.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../shared/collab-protocol';
import { scribble } from './collab-state';
import { awarenessMessage, syncUpdateMessage } from './raw-socket';

/** Real messages of every kind, made from a real document, to mutate. */
export function corpus(base: Y.Doc, random: () => number): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < 40; i++) {
    const text = doc.getText('notes');
    if (random() < 0.3 && text.length > 4) text.delete(Math.floor(random() * (text.length - 4)), 1 + Math.floor(random() * 3));
    else text.insert(Math.floor(random() * (text.length + 1)), `fuzz-${i} `);
    if (i % 5 === 0) scribble(doc, `paragraph ${i} `);
    if (i % 7 === 0) {
      const fragment = doc.getXmlFragment('prosemirror');
      if (fragment.length > 1) fragment.delete(0, 1);
    }
  }
  const messages = updates.map((update, i) => syncUpdateMessage(update, i % 3 === 0 ? 'step2' : 'update'));
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, MESSAGE_SYNC);
  encoding.writeVarUint(step1, 0);
  encoding.writeVarUint8Array(step1, Y.encodeStateVector(doc));
  messages.push(encoding.toUint8Array(step1));
  messages.push(syncUpdateMessage(Y.encodeStateAsUpdate(doc), 'step2'));
  messages.push(awarenessMessage([{ clientId: doc.clientID, clock: 1, state: { cursor: { anchor: 3, head: 5 }, user: { name: 'Impostor' } } }]));
  messages.push(awarenessMessage([{ clientId: 424242, clock: 9, state: null }]));
  messages.push(new Uint8Array([MESSAGE_QUERY_AWARENESS]));
  messages.push(new Uint8Array([MESSAGE_AUTH, 0, 3, 102, 111, 111]));
  doc.destroy();
  return messages;
}

export type Mutation = (random: () => number, real: Uint8Array[]) => Uint8Array;

export const pick = <T>(random: () => number, list: T[]): T => list[Math.floor(random() * list.length)];
export const bytes = (random: () => number, n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));

export const MUTATIONS: [string, number, Mutation][] = [
  ['random bytes', 4, (r) => bytes(r, Math.floor(r() * 64))],
  ['random bytes after a valid header', 4, (r) => Uint8Array.from([pick(r, [0, 1, 2, 3]), Math.floor(r() * 3), ...bytes(r, Math.floor(r() * 48))])],
  ['zero-length frame', 1, () => new Uint8Array(0)],
  ['truncated real message', 4, (r, real) => {
    const m = pick(r, real);
    return m.slice(0, Math.floor(r() * m.length));
  }],
  ['bit-flipped real message', 5, (r, real) => {
    const m = Uint8Array.from(pick(r, real));
    const flips = 1 + Math.floor(r() * 4);
    for (let i = 0; i < flips && m.length > 0; i++) m[Math.floor(r() * m.length)] ^= 1 << Math.floor(r() * 8);
    return m;
  }],
  ['bit-flipped update payload', 6, (r, real) => {
    const m = Uint8Array.from(pick(r, real));
    if (m.length > 4) m[4 + Math.floor(r() * (m.length - 4))] ^= 1 << Math.floor(r() * 8);
    return m;
  }],
  ['huge varint', 2, (r) => {
    const huge = [...Array.from({ length: 8 + Math.floor(r() * 8) }, () => 0xff), 0x7f];
    return Uint8Array.from(pick(r, [huge, [MESSAGE_SYNC, 2, ...huge], [MESSAGE_SYNC, 0, ...huge], [MESSAGE_AWARENESS, ...huge], [MESSAGE_SYNC, 2, 5, ...huge]]));
  }],
  ['length that lies', 2, (r, real) => {
    const m = pick(r, real);
    const body = m.slice(2);
    return Uint8Array.from([MESSAGE_SYNC, 2, 0xff, 0xff, 0x03, ...body.slice(0, 20)]);
  }],
  ['spliced real messages', 2, (r, real) => {
    const a = pick(r, real);
    const b = pick(r, real);
    const cut = Math.floor(r() * a.length);
    return Uint8Array.from([...a.slice(0, cut), ...b.slice(Math.floor(r() * b.length))]);
  }],
  ['real message, unchanged', 14, (r, real) => pick(r, real)],
  ['real message, a text byte flipped', 26, (r, real) => {
    // The last bytes of an update are its inserted text and an empty delete set: a flip there
    // still decodes, as a different edit (or as invalid UTF-8, which decoding replaces).
    const m = Uint8Array.from(pick(r, real));
    if (m.length > 8) m[m.length - 2 - Math.floor(r() * 5)] ^= 1 << Math.floor(r() * 7);
    return m;
  }],
  ['presence claimed for another client', 12, (r) =>
    awarenessMessage([{ clientId: Math.floor(r() * 2 ** 31), clock: Math.floor(r() * 1000), state: { user: { name: 'Somebody else' }, cursor: null } }])],
  ['query presence, or an auth message', 8, (r) =>
    r() < 0.5 ? new Uint8Array([MESSAGE_QUERY_AWARENESS]) : Uint8Array.from([MESSAGE_AUTH, ...bytes(r, Math.floor(r() * 16))])],
  ['awareness with random JSON', 1, (r) => {
    const state = pick(r, ['{', '[]', '"text"', '1e309', 'null', '{"user":{"name":"' + 'x'.repeat(200) + '"}}', '{"a":' + '['.repeat(500) + ']'.repeat(500) + '}']);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, Math.floor(r() * 2 ** 31));
    encoding.writeVarUint(inner, Math.floor(r() * 100));
    encoding.writeVarString(inner, state);
    const outer = encoding.createEncoder();
    encoding.writeVarUint(outer, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
    return encoding.toUint8Array(outer);
  }],
];
const WEIGHT = MUTATIONS.reduce((sum, [, weight]) => sum + weight, 0);

export function mutate(random: () => number, real: Uint8Array[], maxPayload: number): { kind: string; message: Uint8Array } {
  // One frame in 400 is over the payload cap.
  if (random() < 1 / 400) return { kind: 'over the payload cap', message: bytes(random, maxPayload + 1 + Math.floor(random() * 1000)) };
  let roll = random() * WEIGHT;
  for (const [kind, weight, make] of MUTATIONS) {
    roll -= weight;
    if (roll < 0) return { kind, message: make(random, real) };
  }
  return { kind: 'random bytes', message: bytes(random, 16) };
}

