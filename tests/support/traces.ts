/**
 * The real-world editing traces in ../shared/data/editing-traces (josephg/editing-traces, CC BY 4.0),
 * replayed into Yjs: sequentially (one author), and concurrently (several agents, each txn applied
 * at its agent's client on top of exactly the transactions it was typed on).
 *
 * Trace positions are Unicode code points; Yjs counts UTF-16 code units. The traces we ship have no
 * characters outside the BMP, so the conversion is the identity there, but it is done properly.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as Y from 'yjs';

export const TRACES_DIR = path.resolve(__dirname, '../../../shared/data/editing-traces');

/** [position, characters to delete, text to insert], positions in code points. */
export type Patch = [number, number, string];

export interface SequentialTrace {
  startContent?: string;
  endContent: string;
  txns: { patches: Patch[] }[];
}

export interface ConcurrentTxn {
  agent: number;
  parents: number[];
  patches: Patch[];
}

export interface ConcurrentTrace {
  endContent: string;
  numAgents: number;
  txns: ConcurrentTxn[];
}

export type SequentialTraceName = 'seph-blog1' | 'friendsforever-flat';

export function tracePath(name: string): string {
  return path.join(TRACES_DIR, `${name}.json.gz`);
}

function readTrace<T>(name: string): T {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(tracePath(name))).toString('utf8')) as T;
}

export function loadSequentialTrace(name: SequentialTraceName): SequentialTrace {
  return readTrace<SequentialTrace>(name);
}

export function loadConcurrentTrace(): ConcurrentTrace {
  return readTrace<ConcurrentTrace>('friendsforever-concurrent');
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** The UTF-16 index of code point `position` in `text` (the identity while no surrogates were seen). */
function utf16Index(text: Y.Text, position: number, astral: boolean): number {
  if (!astral) return position;
  const s = text.toString();
  let units = 0;
  for (let cp = 0; cp < position && units < s.length; cp++) units += s.codePointAt(units)! > 0xffff ? 2 : 1;
  return units;
}

/** UTF-16 length of `count` code points of `text` starting at UTF-16 index `from`. */
function utf16Length(text: Y.Text, from: number, count: number, astral: boolean): number {
  if (!astral) return count;
  const s = text.toString();
  let units = 0;
  for (let cp = 0; cp < count && from + units < s.length; cp++) units += s.codePointAt(from + units)! > 0xffff ? 2 : 1;
  return units;
}

/** Applies one transaction's patches, in order, to a Y.Text (call inside doc.transact to make it one update). */
export function applyPatches(text: Y.Text, patches: Patch[], state = { astral: false }): void {
  for (const [position, deleteCount, insert] of patches) {
    const at = utf16Index(text, position, state.astral);
    if (deleteCount > 0) text.delete(at, utf16Length(text, at, deleteCount, state.astral));
    if (insert.length > 0) {
      if (SURROGATE.test(insert)) state.astral = true;
      text.insert(at, insert);
    }
  }
}

/** Replays txns [from, to) of a sequential trace into `text`, one Yjs transaction per txn. */
export function replaySequential(text: Y.Text, trace: SequentialTrace, from = 0, to = trace.txns.length): void {
  const doc = text.doc!;
  const state = { astral: false };
  for (let i = from; i < to; i++) doc.transact(() => applyPatches(text, trace.txns[i].patches, state));
}

/** The whole trace as one Yjs update (Y.Text `name`), cached in the temp dir across runs. */
export function traceUpdate(name: SequentialTraceName, textName = 'text'): Uint8Array {
  const stat = fs.statSync(tracePath(name));
  const key = crypto.createHash('sha1').update(`${name}:${stat.size}:${stat.mtimeMs}:${textName}:yjs13`).digest('hex').slice(0, 16);
  const cached = path.join(os.tmpdir(), `syllabus-trace-${name}-${key}.bin`);
  if (fs.existsSync(cached)) return new Uint8Array(fs.readFileSync(cached));
  const trace = loadSequentialTrace(name);
  const doc = new Y.Doc();
  const text = doc.getText(textName);
  if (trace.startContent) text.insert(0, trace.startContent);
  replaySequential(text, trace);
  if (text.toString() !== trace.endContent) throw new Error(`replaying ${name} did not give its endContent`);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  fs.writeFileSync(`${cached}.${process.pid}`, update);
  fs.renameSync(`${cached}.${process.pid}`, cached);
  return update;
}

/** A growable array of small integers indexed by Yjs clock. */
class ClockTable {
  private data = new Int32Array(1024);
  get(clock: number): number {
    return clock < this.data.length ? this.data[clock] : 0;
  }
  set(from: number, length: number, value: number): void {
    while (from + length > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data.fill(value, from, from + length);
  }
}

const META = 'replay';

/**
 * Replays a concurrent trace with one Y.Doc per agent. Each agent's doc is connected to the others
 * by whatever the caller likes (real providers through a server, in the tests). A txn is applied at
 * its agent's doc only once that doc has received every transaction the txn was typed on; its
 * positions are then read in the document as the agent saw it (exactly those transactions), even
 * when the doc has since received concurrent ones, and the edit is made as a Yjs item with the
 * neighbours the agent saw, so that Yjs orders it among concurrent edits as a live edit would be.
 *
 * Where two agents inserted at the same place concurrently, the trace's recorded merge puts the
 * lower-numbered agent first, as Yjs puts the lower client id first: the docs' client ids must
 * increase with the agent number, or the replay ends with a few characters elsewhere than in
 * `endContent` (friendsforever-concurrent: 6 characters at offset 3798, ", huh?" after
 * " The whole" instead of before it).
 *
 * A txn that only deletes also sets `replay.<agent>` in the same Yjs transaction, so that every txn
 * advances its client's clock and a receiving doc can tell which of another agent's txns it has.
 */
export class ConcurrentReplay {
  readonly texts: Y.Text[];
  /** Per txn: its agent's sequence number (0-based). */
  private readonly seqOf: Int32Array;
  /** Per agent: its txn indexes in order. */
  private readonly txnsOf: number[][];
  /** Per txn: the version it was typed on, as the last sequence number seen of each agent (-1: none). */
  private readonly versions: Int32Array[];
  /** Per agent: the next of its txns to apply. */
  private readonly next: number[];
  /** inserted[agent]: per clock of that agent's Yjs client, 1 + the sequence number of the txn that created it. */
  private readonly inserted: ClockTable[];
  /** deleted[agent][by]: per clock of `agent`'s client, 1 + the sequence number of `by`'s txn that deleted it. */
  private readonly deleted: ClockTable[][];
  private readonly agentOfClient = new Map<number, number>();
  /** How many txns had to be placed in a document holding concurrent edits the agent had not seen. */
  concurrentPlacements = 0;

  constructor(
    readonly trace: ConcurrentTrace,
    readonly docs: Y.Doc[],
    textName = 'text',
  ) {
    const agents = trace.numAgents;
    if (docs.length !== agents) throw new Error(`the trace has ${agents} agents, ${docs.length} docs given`);
    for (let a = 1; a < agents; a++) {
      if (docs[a].clientID <= docs[a - 1].clientID) {
        throw new Error(`agent ${a}'s doc needs a higher client id than agent ${a - 1}'s (concurrent inserts are ordered by it)`);
      }
    }
    this.texts = docs.map((doc) => doc.getText(textName));
    docs.forEach((doc, agent) => this.agentOfClient.set(doc.clientID, agent));
    this.seqOf = new Int32Array(trace.txns.length);
    this.txnsOf = Array.from({ length: agents }, () => []);
    this.versions = [];
    trace.txns.forEach((txn, index) => {
      this.seqOf[index] = this.txnsOf[txn.agent].length;
      this.txnsOf[txn.agent].push(index);
      const version = new Int32Array(agents).fill(-1);
      for (const parent of txn.parents) {
        const parentVersion = this.versions[parent];
        for (let a = 0; a < agents; a++) version[a] = Math.max(version[a], parentVersion[a]);
        version[trace.txns[parent].agent] = Math.max(version[trace.txns[parent].agent], this.seqOf[parent]);
      }
      this.versions.push(version);
    });
    this.next = new Array<number>(agents).fill(0);
    this.inserted = Array.from({ length: agents }, () => new ClockTable());
    this.deleted = Array.from({ length: agents }, () => Array.from({ length: agents }, () => new ClockTable()));
  }

  done(agent?: number): boolean {
    if (agent !== undefined) return this.next[agent] >= this.txnsOf[agent].length;
    return this.next.every((n, a) => n >= this.txnsOf[a].length);
  }

  /** How many of `agent`'s txns `doc` has received (or applied itself). */
  private received(docIndex: number, agent: number): number {
    if (docIndex === agent) return this.next[agent];
    // Every txn creates at least one item (a delete-only txn a marker), and a doc receives another
    // agent's txns in order: the last clock it has of that agent's client tells which it has.
    const state = Y.getState(this.docs[docIndex].store, this.docs[agent].clientID);
    return state === 0 ? 0 : this.inserted[agent].get(state - 1);
  }

  /** Whether agent's next txn can be applied now (every txn it was typed on is in its doc). */
  ready(agent: number): boolean {
    if (this.done(agent)) return false;
    const version = this.versions[this.txnsOf[agent][this.next[agent]]];
    for (let a = 0; a < version.length; a++) if (this.received(agent, a) < version[a] + 1) return false;
    return true;
  }

  /** Applies up to `max` of agent's txns while they are ready; returns how many were applied. */
  step(agent: number, max = Infinity): number {
    let applied = 0;
    while (applied < max && this.ready(agent)) {
      this.apply(agent);
      applied++;
    }
    return applied;
  }

  private apply(agent: number): void {
    const index = this.txnsOf[agent][this.next[agent]];
    const txn = this.trace.txns[index];
    const seq = this.seqOf[index];
    const exact = this.docMatches(agent, this.versions[index]);
    const version = Int32Array.from(this.versions[index]);
    // What this txn's own earlier patches inserted is part of what its later patches see.
    version[agent] = seq;
    const doc = this.docs[agent];
    const text = this.texts[agent];
    if (!exact) this.concurrentPlacements++;
    const startClock = Y.getState(doc.store, doc.clientID);
    doc.transact((tr) => {
      for (const patch of txn.patches) {
        if (exact) this.applyExact(agent, text, patch, seq);
        else this.applyAt(agent, tr, text, patch, version, seq);
      }
      if (Y.getState(doc.store, doc.clientID) === startClock) doc.getMap<number>(META).set(String(agent), seq);
      this.inserted[agent].set(startClock, Y.getState(doc.store, doc.clientID) - startClock, seq + 1);
      this.recordDeletions(agent, seq, tr);
    });
    // Item-level edits bypass the index markers Y.Text keeps for local edits: drop them.
    if (!exact && text._searchMarker) text._searchMarker.length = 0;
    this.next[agent]++;
  }

  /** Whether agent's doc holds exactly `version` (then plain index edits are right). */
  private docMatches(agent: number, version: Int32Array): boolean {
    for (let a = 0; a < version.length; a++) if (this.received(agent, a) !== version[a] + 1) return false;
    return true;
  }

  private applyExact(agent: number, text: Y.Text, [position, deleteCount, insert]: Patch, seq: number): void {
    if (deleteCount > 0) text.delete(position, deleteCount);
    if (insert.length > 0) {
      const clock = Y.getState(text.doc!.store, text.doc!.clientID);
      text.insert(position, insert);
      this.inserted[agent].set(clock, insert.length, seq + 1);
    }
  }

  private recordDeletions(agent: number, seq: number, tr: Y.Transaction): void {
    tr.deleteSet.clients.forEach((ranges, client) => {
      const owner = this.agentOfClient.get(client);
      if (owner === undefined) return;
      for (const range of ranges) this.deleted[owner][agent].set(range.clock, range.len, seq + 1);
    });
  }

  private visibleIn(version: Int32Array, owner: number, clock: number, deletedNow: boolean): boolean {
    const by = this.inserted[owner].get(clock);
    if (by === 0 || by - 1 > version[owner]) return false;
    if (!deletedNow) return true;
    for (let a = 0; a < version.length; a++) {
      const del = this.deleted[owner][a].get(clock);
      if (del !== 0 && del - 1 <= version[a]) return false;
    }
    return true;
  }

  private presentIn(version: Int32Array, owner: number, clock: number): boolean {
    const by = this.inserted[owner].get(clock);
    return by !== 0 && by - 1 <= version[owner];
  }

  /**
   * Walks the text as the agent saw it: returns the ids of the visible characters [from, from+count)
   * and, for an insert at `from`, the neighbours the agent's editor would have given it (the last
   * character present before the `from`-th visible one, tombstones included, and that one).
   */
  private locate(
    text: Y.Text,
    version: Int32Array,
    from: number,
    count: number,
  ): { origin: Y.ID | null; right: Y.ID | null; ids: Y.ID[] } {
    let visible = 0;
    let origin: Y.ID | null = null;
    let right: Y.ID | null = null;
    const ids: Y.ID[] = [];
    for (let item = text._start; item !== null; item = item.right) {
      const owner = this.agentOfClient.get(item.id.client);
      if (owner === undefined) continue;
      const { client, clock } = item.id;
      // Fast path: a live run wholly inside the version, and not where we are looking.
      if (
        !item.deleted &&
        this.presentIn(version, owner, clock + item.length - 1) &&
        this.presentIn(version, owner, clock) &&
        visible + item.length <= from
      ) {
        visible += item.length;
        origin = Y.createID(client, clock + item.length - 1);
        continue;
      }
      for (let k = 0; k < item.length; k++) {
        if (!this.presentIn(version, owner, clock + k)) continue;
        if (this.visibleIn(version, owner, clock + k, item.deleted)) {
          if (visible === from && right === null) right = Y.createID(client, clock + k);
          if (visible >= from && visible < from + count) ids.push(Y.createID(client, clock + k));
          visible++;
          if (visible >= from + count && right !== null) return { origin, right, ids };
        }
        if (right === null) origin = Y.createID(client, clock + k);
      }
    }
    return { origin, right, ids };
  }

  private applyAt(agent: number, tr: Y.Transaction, text: Y.Text, patch: Patch, version: Int32Array, seq: number): void {
    const [position, deleteCount, insert] = patch;
    if (deleteCount > 0) {
      const { ids } = this.locate(text, version, position, deleteCount);
      for (const id of ids) {
        const item = Y.getItemCleanStart(tr, id);
        if (item.length > 1) Y.getItemCleanEnd(tr, tr.doc.store, id);
        // Already deleted concurrently: deleting it again changes nothing, but it is recorded.
        if (!item.deleted) item.delete(tr);
        else this.deleted[this.agentOfClient.get(id.client)!][agent].set(id.clock, 1, seq + 1);
      }
    }
    if (insert.length > 0) {
      const { origin, right } = this.locate(text, version, position, 0);
      const left = origin ? Y.getItemCleanEnd(tr, tr.doc.store, origin) : null;
      const rightItem = right ? Y.getItemCleanStart(tr, right) : null;
      const doc = text.doc!;
      const clock = Y.getState(doc.store, doc.clientID);
      const item = new Y.Item(
        Y.createID(doc.clientID, clock),
        left,
        left && left.lastId,
        rightItem,
        rightItem && rightItem.id,
        text,
        null,
        new Y.ContentString(insert),
      );
      item.integrate(tr, 0);
      this.inserted[agent].set(clock, insert.length, seq + 1);
    }
  }
}
