/**
 * What an incoming update may contain, checked before it is applied (where messages are received):
 * its structs may only use Yjs client ids that belong to the sender's person, and what it puts into
 * the section's ProseMirror tree must fit the shared schema — known nodes where the schema allows
 * them, known marks, attribute values the schema accepts. A refused update is never applied, so
 * nothing of it is stored or sent to anyone.
 *
 * The check reads only the update's own structs and the items they attach to (by id, in the
 * document's store), never the whole document: its cost grows with the update, not the section.
 * An item whose neighbours are not known yet (it waits for a missing update) is checked for what it
 * is, without its place; reading a document never trusts its content either (`section-content`
 * repairs what does not fit before anything uses it).
 *
 * One rule reads the update's deletions: a block that stays may not lose its `id` or its link to a
 * source block (`source`, `sourceHash`), see `removedLink`.
 */
import * as Y from 'yjs';
import type { MarkType, NodeType } from 'prosemirror-model';
import { schemaAcceptsAttr } from '../../shared/document-repair';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';

export type Refusal = { reason: 'client-id'; clientId: number } | { reason: 'schema'; detail: string };

/** An update's delete set, as `Y.decodeUpdate` gives it. */
export type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/**
 * The attributes that tie a translation's blocks to the source (#19): `source` and `sourceHash`.
 * A block's own `id` is not among them: the editor itself takes an id away for a moment (a copy's
 * id is replaced in a dispatch that follows the change, see `target-ids.ts`), and refusing that
 * shut a person out of a section they were typing in (found by the hours-table browser test).
 */
const LINK_KEYS: ReadonlySet<string> = new Set(['source', 'sourceHash']);

/** Whose Yjs client ids are whose in one section; `null` for an id nobody has used yet. */
export interface ClientOwners {
  ownerOf(clientId: number): number | null;
}

/** Where a struct sits: in the ProseMirror tree (under an element, a text, the root) or elsewhere. */
type Place =
  | { kind: 'element'; node: NodeType }
  | { kind: 'text' }
  | { kind: 'root' }
  /** Another root type, or a type nested in one: not part of the document, nothing reads it. */
  | { kind: 'outside' }
  /** A struct attached to something the server does not have yet. */
  | { kind: 'unknown' };

/** Which node types may appear anywhere inside each node type's content, from its content expression. */
const CHILDREN = new Map<NodeType, Set<NodeType>>(
  Object.values(schema.nodes).map((type) => [type, reachableChildren(type)]),
);

function reachableChildren(type: NodeType): Set<NodeType> {
  const children = new Set<NodeType>();
  const seen = new Set([type.contentMatch]);
  const queue = [type.contentMatch];
  while (queue.length > 0) {
    const match = queue.pop()!;
    for (let i = 0; i < match.edgeCount; i++) {
      const { type: child, next } = match.edge(i);
      children.add(child);
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return children;
}

/** The mark a text-format key names: y-prosemirror writes overlapping marks as `name--hash`. */
export function markOf(key: string): MarkType | undefined {
  return schema.marks[/^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key)?.[1] ?? key];
}

/** The schema accepts the value, and it is plain data (a stored update must never carry objects into an attribute). */
function attrAccepted(type: NodeType | MarkType, key: string, value: unknown): boolean {
  if (!schemaAcceptsAttr(type, key, value)) return false;
  return value === null || ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) && value.every((v) => typeof v === 'number' || v === null));
}

/** A mark's value in a text format: null ends the mark; otherwise its attributes, each accepted, none missing. */
function markValueAccepted(mark: MarkType, value: unknown): boolean {
  if (value === null) return true;
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const attrs = value as Record<string, unknown>;
  for (const [key, attr] of Object.entries(mark.spec.attrs ?? {})) {
    if (!(key in attrs) && !('default' in attr)) return false;
  }
  return Object.entries(attrs).every(([key, v]) => attrAccepted(mark, key, v));
}

/** Finds an item by id: in the document if it has it, else among the update's own structs. */
class ItemFinder {
  private readonly own = new Map<number, Y.Item[]>();

  constructor(
    private readonly doc: Y.Doc,
    structs: (Y.Item | Y.GC | Y.Skip)[],
  ) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const list = this.own.get(struct.id.client) ?? [];
      list.push(struct);
      this.own.set(struct.id.client, list);
    }
    // Updates list a client's structs by clock already; sorted anyway, because `find` bisects.
    for (const list of this.own.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  find(id: Y.ID): Y.Item | 'missing' | 'gone' {
    if (Y.getState(this.doc.store, id.client) > id.clock) {
      const struct = Y.getItem(this.doc.store, id);
      return struct instanceof Y.Item ? struct : 'gone';
    }
    // Bisected, not scanned: an hour of offline typing arrives as one update of thousands of
    // structs by one client, nearly every one pointing at another of them (a scan made that
    // check quadratic: 0.4–0.7 s for two hours of scattered typing, 20–40 ms bisected).
    const list = this.own.get(id.client);
    if (!list) return 'missing';
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const item = list[middle];
      if (id.clock < item.id.clock) high = middle - 1;
      else if (id.clock >= item.id.clock + item.length) low = middle + 1;
      else return item;
    }
    return 'missing';
  }
}

/** The type an integrated item lives in, as a place. */
/** An XML element or text as a place in the ProseMirror tree; anything else is outside it. */
function placeOfXml(type: Y.AbstractType<unknown>): Place {
  if (type instanceof Y.XmlElement) {
    const node = schema.nodes[type.nodeName];
    return node ? { kind: 'element', node } : { kind: 'outside' };
  }
  return type instanceof Y.XmlText ? { kind: 'text' } : { kind: 'outside' };
}

function placeOfType(type: Y.AbstractType<unknown>): Place {
  if (type._item === null && !(type instanceof Y.XmlElement) && !(type instanceof Y.XmlText)) {
    return Y.findRootTypeKey(type) === CONTENT_FRAGMENT ? { kind: 'root' } : { kind: 'outside' };
  }
  return placeOfXml(type);
}

/** The place an item's own content (a type it creates, not yet in any document) makes for its children. */
function placeOfContent(item: Y.Item): Place {
  return item.content instanceof Y.ContentType ? placeOfXml(item.content.type) : { kind: 'outside' };
}

/** The attributes of each node type that have no default: a node cannot be made without them. */
const REQUIRED = new Map<string, string[]>(
  Object.values(schema.nodes).map((type) => [
    type.name,
    Object.entries(type.spec.attrs ?? {})
      .filter(([, attr]) => !('default' in attr))
      .map(([key]) => key),
  ]),
);

export class UpdateRules {
  private readonly finder: ItemFinder;
  /** Place and parentSub of each item looked at, so a chain of origins is walked once. */
  private readonly placed = new Map<Y.Item, { place: Place; sub: string | null }>();

  private constructor(
    private readonly doc: Y.Doc,
    structs: (Y.Item | Y.GC | Y.Skip)[],
  ) {
    this.finder = new ItemFinder(doc, structs);
  }

  /**
   * Checks a decoded update from `personId` against the section's document and its client owners.
   * Returns why it is refused, or null when it may be applied. `deletes` is the update's delete
   * set (`Y.decodeUpdate(update).ds`): without it, removed block links are not seen.
   */
  static check(
    doc: Y.Doc,
    structs: (Y.Item | Y.GC | Y.Skip)[],
    personId: number,
    owners: ClientOwners,
    deletes: DeleteSet | null = null,
  ): Refusal | null {
    const checked = new Set<number>();
    for (const struct of structs) {
      const client = struct.id.client;
      if (checked.has(client)) continue;
      checked.add(client);
      const owner = owners.ownerOf(client);
      if (owner !== null && owner !== personId) return { reason: 'client-id', clientId: client };
    }
    const rules = new UpdateRules(doc, structs);
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const problem = rules.checkItem(struct);
      if (problem) return { reason: 'schema', detail: problem };
    }
    const missing = rules.missingRequiredAttribute(structs);
    if (missing) return { reason: 'schema', detail: missing };
    const removed = deletes ? rules.removedLink(deletes, structs) : null;
    return removed ? { reason: 'schema', detail: removed } : null;
  }

  /**
   * A block element that stays in the document losing its `id`, `source` or `sourceHash`: refused.
   * Our editor never removes them in place (a new value may replace one; a block may go as a
   * whole). A browser tab still running the build from before these attributes existed does:
   * y-prosemirror's `updateYFragment` removes every Y attribute its (old) schema lacks from each
   * block it touches, which would orphan every translation of those blocks.
   *
   * Removing an attribute writes no struct, only a deletion of the item holding its value, so the
   * delete set is read — each deleted range is looked up in the document's own structs, and only
   * items that are a live attribute value under one of those three keys are looked at further.
   * Typing deletes text items (one check of `parentSub` each); a reconnecting client's step 2
   * repeats its whole delete set, which Yjs walks the same way to apply it.
   *
   * One removal is allowed: `sourceHash` from a block that keeps its `source` (back to
   * "unconfirmed", orphaning nothing) — undoing a first translation takes away the stamp
   * (`client/src/translation/stamp.ts`) that was written with it.
   */
  private removedLink(deletes: DeleteSet, structs: (Y.Item | Y.GC | Y.Skip)[]): string | null {
    if (deletes.clients.size === 0) return null;
    let replaced: Map<Y.Item, Set<string>> | null = null;
    for (const [client, ranges] of deletes.clients) {
      const stored = this.doc.store.clients.get(client);
      if (!stored) continue;
      const known = Y.getState(this.doc.store, client);
      for (const { clock, len } of ranges) {
        // Deletions of the update's own new structs remove nothing that existed.
        if (clock >= known) continue;
        const end = Math.min(clock + len, known);
        for (let index = Y.findIndexSS(stored, clock); index < stored.length; index++) {
          const item = stored[index];
          if (item.id.clock >= end) break;
          if (!(item instanceof Y.Item) || item.deleted || item.parentSub === null || !LINK_KEYS.has(item.parentSub)) continue;
          const element = item.parent;
          if (!(element instanceof Y.XmlElement) || !schema.nodes[element.nodeName]?.isBlock) continue;
          const owner = element._item;
          // The block goes (with it, its attributes): removing a block is an edit like any other.
          if (!owner || owner.deleted || Y.isDeleted(deletes, owner.id)) continue;
          const key = item.parentSub;
          replaced ??= this.replacedLinks(structs);
          if (replaced.get(owner)?.has(key)) continue;
          if (key === 'sourceHash' && typeof element.getAttribute('source') === 'string') continue;
          return `removing "${key}" from a ${element.nodeName} that stays (a browser tab from an older version?)`;
        }
      }
    }
    return null;
  }

  /** The link attributes the update gives a new value, by the element's item. */
  private replacedLinks(structs: (Y.Item | Y.GC | Y.Skip)[]): Map<Y.Item, Set<string>> {
    const replaced = new Map<Y.Item, Set<string>>();
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
      const value = struct.content.arr[struct.content.arr.length - 1];
      if (typeof value !== 'string' || value === '') continue;
      const attribute = this.attributeOf(struct);
      if (attribute && LINK_KEYS.has(attribute.key)) replaced.set(attribute.owner, (replaced.get(attribute.owner) ?? new Set()).add(attribute.key));
    }
    return replaced;
  }

  /**
   * An element the update creates without an attribute its node requires (a cross-reference
   * without its target, #18): the editor writes a node's attributes in the same transaction as
   * the node, and no reader could make the node without them. Read from the update's own structs:
   * an attribute is an item under the element's item, keyed by the attribute's name, whose value
   * was not deleted again.
   */
  private missingRequiredAttribute(structs: (Y.Item | Y.GC | Y.Skip)[]): string | null {
    const needed = new Map<Y.Item, { node: string; keys: Set<string> }>();
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentType)) continue;
      const type = struct.content.type;
      const required = type instanceof Y.XmlElement ? REQUIRED.get(type.nodeName) : undefined;
      if (required?.length) needed.set(struct, { node: (type as Y.XmlElement).nodeName, keys: new Set(required) });
    }
    if (needed.size === 0) return null;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
      if (struct.content.arr[struct.content.arr.length - 1] === undefined) continue;
      const attribute = this.attributeOf(struct);
      if (attribute) needed.get(attribute.owner)?.keys.delete(attribute.key);
    }
    for (const { node, keys } of needed.values()) {
      const [key] = keys;
      if (key !== undefined) return `${node} without its attribute "${key}"`;
    }
    return null;
  }

  /**
   * The item of the element an attribute value belongs to, and the attribute's name; null for
   * anything else. A value set again names neither: they are its origin's (the value it replaced).
   */
  private attributeOf(item: Y.Item, depth = 0): { owner: Y.Item; key: string } | null {
    const parent = item.parent as unknown;
    if (parent instanceof Y.ID || parent instanceof Y.AbstractType) {
      if (item.parentSub === null) return null;
      const owner = parent instanceof Y.ID ? this.finder.find(parent) : parent._item;
      return owner && typeof owner !== 'string' ? { owner, key: item.parentSub } : null;
    }
    const origin = item.origin && depth < 10_000 ? this.finder.find(item.origin) : 'missing';
    return typeof origin === 'string' ? null : this.attributeOf(origin, depth + 1);
  }

  /** Where an item sits, and under which map key (an attribute name), or null for a list child. */
  private locate(item: Y.Item, depth = 0): { place: Place; sub: string | null } {
    const known = this.placed.get(item);
    if (known) return known;
    let located: { place: Place; sub: string | null } = { place: { kind: 'unknown' }, sub: item.parentSub };
    const parent = item.parent as unknown;
    if (parent instanceof Y.AbstractType) {
      located = { place: placeOfType(parent), sub: item.parentSub };
    } else if (typeof parent === 'string') {
      located = { place: parent === CONTENT_FRAGMENT ? { kind: 'root' } : { kind: 'outside' }, sub: item.parentSub };
    } else if (parent instanceof Y.ID) {
      const owner = this.finder.find(parent);
      located = { place: typeof owner === 'string' ? { kind: 'unknown' } : placeOfContent(owner), sub: item.parentSub };
    } else if (depth < 10_000) {
      // No parent written: it is the parent of the neighbour the item was inserted next to.
      const neighbourId = item.origin ?? item.rightOrigin;
      const neighbour = neighbourId ? this.finder.find(neighbourId) : 'missing';
      if (typeof neighbour !== 'string') located = this.locate(neighbour, depth + 1);
    }
    this.placed.set(item, located);
    return located;
  }

  /** A problem with one item, or null. */
  private checkItem(item: Y.Item): string | null {
    const content = item.content;
    if (content instanceof Y.ContentDeleted) return null;
    if (content instanceof Y.ContentDoc || content instanceof Y.ContentBinary || content instanceof Y.ContentEmbed || content instanceof Y.ContentJSON) {
      return `content of kind ${content.constructor.name} is not used by sections`;
    }
    const { place, sub } = this.locate(item);
    if (place.kind === 'outside') return null;
    if (content instanceof Y.ContentType) {
      const type = content.type;
      if (type instanceof Y.XmlElement && !schema.nodes[type.nodeName]) return `unknown node "${type.nodeName}"`;
      if (!(type instanceof Y.XmlElement) && !(type instanceof Y.XmlText) && place.kind !== 'unknown') {
        return 'a section holds only elements and text';
      }
    }
    if (place.kind === 'unknown') return this.checkOutOfPlace(item);
    if (sub !== null) return this.checkAttribute(place, sub, item);
    return this.checkChild(place, item);
  }

  /** What can be said of an item whose place is not known yet: its own kind and values. */
  private checkOutOfPlace(item: Y.Item): string | null {
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      const mark = markOf(content.key);
      if (!mark) return `unknown mark "${content.key}"`;
      if (!markValueAccepted(mark, content.value)) return `mark "${content.key}" with values the schema refuses`;
    }
    if (content instanceof Y.ContentAny && item.parentSub === null) {
      return 'plain values belong in no part of a section';
    }
    return null;
  }

  private checkAttribute(place: Place, key: string, item: Y.Item): string | null {
    if (place.kind !== 'element') return `an attribute "${key}" where the schema has none`;
    const content = item.content;
    if (!(content instanceof Y.ContentAny)) return `attribute "${key}" of ${place.node.name} is not a plain value`;
    const value = content.arr[content.arr.length - 1];
    // Removing an attribute writes undefined.
    if (value === undefined) return null;
    if (place.node.spec.attrs && key in place.node.spec.attrs) {
      return attrAccepted(place.node, key, value) ? null : `attribute "${key}" of ${place.node.name} has a value the schema refuses`;
    }
    // y-prosemirror keeps the marks of an inline node (a line break) as its attributes.
    const mark = place.node.isInline ? markOf(key) : undefined;
    if (mark) return markValueAccepted(mark, value) ? null : `mark "${key}" with values the schema refuses`;
    return `${place.node.name} has no attribute "${key}"`;
  }

  private checkChild(place: Extract<Place, { kind: 'element' | 'text' | 'root' }>, item: Y.Item): string | null {
    const content = item.content;
    if (place.kind === 'text') {
      if (content instanceof Y.ContentString) return null;
      if (content instanceof Y.ContentFormat) {
        const mark = markOf(content.key);
        if (!mark) return `unknown mark "${content.key}"`;
        return markValueAccepted(mark, content.value) ? null : `mark "${content.key}" with values the schema refuses`;
      }
      return 'text holds only characters and marks';
    }
    const parentNode = place.kind === 'root' ? schema.topNodeType : place.node;
    if (!(content instanceof Y.ContentType)) return `${parentNode.name} holds only elements and text`;
    const type = content.type;
    if (type instanceof Y.XmlText) {
      return parentNode.inlineContent ? null : `text directly in ${parentNode.name}`;
    }
    const child = schema.nodes[(type as Y.XmlElement).nodeName];
    return CHILDREN.get(parentNode)?.has(child) ? null : `${child.name} inside ${parentNode.name}`;
  }
}
