/**
 * Suggestions (#17): wording someone proposed, held in the section's text as `insertion` and
 * `deletion` marks. In the Y.Doc a mark is a formatting attribute of that name on a Y.XmlText,
 * its value the mark's attrs (`{id, author, at}`); one id is one suggestion, of one kind, however
 * many runs of text (and paragraphs) it spans.
 *
 * Deciding one is an ordinary change of the text through the `SectionStore`, computed from the
 * text as it stands inside that change's transaction: accepting an insertion or rejecting a
 * deletion removes the mark (`Y.Text.format` with null); rejecting an insertion or accepting a
 * deletion deletes the marked text. Only the characters that carry the mark when the decision is
 * made are deleted, so text typed concurrently inside a suggestion (from another client, before it
 * has seen the decision) is never lost.
 *
 * Yjs keeps formatting as boundary items ("from here, insertion = {…}"), not per character, and
 * removes boundaries that have become redundant; so text typed concurrently inside a decided
 * suggestion, or the boundary items such typing wrote, can come out carrying the decided id —
 * sometimes text after the suggestion too, up to the end of its paragraph (measured in
 * `tests/integration/suggestions.test.ts`). A decided id therefore never comes back: after each
 * edit (`NOTICE_AFTER_MS`), runs that carry an id decided before are unmarked, on the server's
 * behalf (`finishDecided`). Unmarking never deletes, so such text stays, as plain text, and a
 * later "reject" cannot delete words nobody suggested.
 *
 * Who hears of new suggestions: the people who may accept them, at most once per suggester and
 * section every `NOTICE_EVERY_MS`, checked `NOTICE_AFTER_MS` after the section's text changed.
 */
import { and, eq, gte, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { OpenSuggestion, SuggestionKind } from '../../shared/api/suggestions';
import { documentKey } from '../../shared/languages';
import { type Actor, type SectionAction, type SectionRef, maySection } from '../../shared/policy';
import { CONTENT_FRAGMENT } from '../../shared/schema';
import type { Db } from '../db/client';
import { auditEvents, notifications as notificationRows } from '../db/schema';
import type { WorkspaceEventBus } from '../events';
import { DomainError } from './errors';
import type { Notifications } from './notifications';
import type { People } from './people';
import type { SectionContent } from './section-content';
import type { Section, Sections } from './sections';
import type { SectionStore } from './section-store';

export type SuggestionDecisionKind = 'accepted' | 'rejected';

/** The mark (and Yjs attribute) name of each kind. */
const MARK_OF: Record<SuggestionKind, string> = { insert: 'insertion', delete: 'deletion' };
const KINDS = Object.keys(MARK_OF) as SuggestionKind[];

/**
 * Who may accept suggestions (the policy's `accept-suggestion`: the owning working group's members
 * and leads, and coordinators), and who hears of new ones.
 */
export const ACCEPT_SUGGESTIONS: SectionAction = 'accept-suggestion';

/** The audit actions of decisions; their `detail.suggestions` lists the ids decided. */
export const DECISION_AUDIT_ACTIONS: Record<SuggestionDecisionKind, string> = {
  accepted: 'suggestion.accepted',
  rejected: 'suggestion.rejected',
};

/** How long after a section's text changed its new suggestions are looked for (as the search index re-reads it). */
export const NOTICE_AFTER_MS = 2_000;
/** At most one "new suggestions" notification per suggester and section in this time. */
export const NOTICE_EVERY_MS = 10 * 60_000;

/**
 * May this person decide this suggestion? Accepting: whoever the policy lets accept. Rejecting:
 * the same people, and the suggestion's own author while the policy lets them suggest there
 * (rejecting one's own suggestion is withdrawing it).
 */
export function mayDecideSuggestion(
  actor: Actor | null,
  decision: SuggestionDecisionKind,
  section: SectionRef,
  authorId: number | null,
): boolean {
  if (maySection(actor, ACCEPT_SUGGESTIONS, section)) return true;
  return decision === 'rejected' && actor !== null && authorId === actor.id && maySection(actor, 'suggest', section);
}

interface SuggestionMark {
  id: string;
  author: number;
  at: number;
}

/** A suggestion found in a text, before its author is named. */
export interface FoundSuggestion {
  id: string;
  author: number;
  kind: SuggestionKind;
  text: string;
  at: number | null;
}

/**
 * The attribute (or ProseMirror mark) of `kind` among a run's attributes, if it is a well-formed
 * suggestion mark. y-prosemirror names a mark type that may overlap itself `name--hash`: both read.
 */
function markOf(attributes: Record<string, unknown> | undefined, kind: SuggestionKind): { key: string; mark: SuggestionMark } | null {
  if (!attributes) return null;
  const name = MARK_OF[kind];
  for (const [key, value] of Object.entries(attributes)) {
    if (key !== name && !key.startsWith(`${name}--`)) continue;
    const attrs = value as Partial<SuggestionMark> | null;
    if (!attrs || typeof attrs.id !== 'string' || attrs.id === '' || !Number.isInteger(attrs.author)) continue;
    return { key, mark: { id: attrs.id, author: attrs.author!, at: typeof attrs.at === 'number' ? attrs.at : 0 } };
  }
  return null;
}

/**
 * Gathers suggestions from runs of text given in document order. Runs next to each other (in
 * one text, nothing between them) join as they are; runs apart join with a space.
 */
class SuggestionCollector {
  private readonly found = new Map<string, FoundSuggestion & { lastSlot: number }>();
  private slot = 0;

  run(attributes: Record<string, unknown> | undefined, text: string): void {
    this.slot += 1;
    for (const kind of KINDS) {
      const marked = markOf(attributes, kind);
      if (!marked) continue;
      const { id, author, at } = marked.mark;
      const known = this.found.get(id);
      if (!known) {
        this.found.set(id, { id, author, kind, text, at: at > 0 ? at : null, lastSlot: this.slot });
      } else if (known.kind === kind) {
        known.text += (known.lastSlot === this.slot - 1 ? '' : ' ') + text;
        known.lastSlot = this.slot;
        if (at > (known.at ?? 0)) known.at = at;
      }
    }
  }

  /** Something that is not a run of text (another text, a node, a block boundary) comes between. */
  gap(): void {
    this.slot += 1;
  }

  list(): FoundSuggestion[] {
    return [...this.found.values()].map(({ id, author, kind, text, at }) => ({ id, author, kind, text, at }));
  }
}

/** Every Y.XmlText under a node, in document order. */
function textsUnder(node: Y.XmlFragment | Y.XmlElement, into: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) into.push(child);
    else if (child instanceof Y.XmlElement) textsUnder(child, into);
  }
  return into;
}

interface DeltaRun {
  insert: string | object;
  attributes?: Record<string, unknown>;
}

const runLength = (run: DeltaRun) => (typeof run.insert === 'string' ? run.insert.length : 1);

/** The open suggestions of a section's Y.Doc, in document order. */
export function suggestionsInDoc(doc: Y.Doc): FoundSuggestion[] {
  const collector = new SuggestionCollector();
  for (const text of textsUnder(doc.getXmlFragment(CONTENT_FRAGMENT))) {
    collector.gap();
    for (const run of text.toDelta() as DeltaRun[]) {
      if (typeof run.insert === 'string') collector.run(run.attributes, run.insert);
      else collector.gap();
    }
  }
  return collector.list();
}

interface JsonNode {
  type?: string;
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: JsonNode[];
}

/** The open suggestions of a section's ProseMirror JSON (a cached content snapshot), in document order. */
export function suggestionsInJson(json: unknown): FoundSuggestion[] {
  const collector = new SuggestionCollector();
  const walk = (node: JsonNode) => {
    if (typeof node.text === 'string') {
      collector.run(Object.fromEntries((node.marks ?? []).map((mark) => [mark.type, mark.attrs])), node.text);
      return;
    }
    collector.gap();
    for (const child of node.content ?? []) walk(child);
    collector.gap();
  };
  walk(json as JsonNode);
  return collector.list();
}

/** How many suggestions are open in a section's ProseMirror JSON: the dashboard's count. */
export function countOpenSuggestions(json: unknown): number {
  return suggestionsInJson(json).length;
}

/**
 * Decides the given suggestions in a section's Y.Doc, inside the caller's transaction: each run
 * carrying one of their marks now is formatted or deleted, from the end of its text backwards
 * so that the indices read from the delta stay true. Returns the suggestions as they were decided.
 */
function applyDecisions(doc: Y.Doc, decisions: Map<string, SuggestionDecisionKind | 'unmark'>): FoundSuggestion[] {
  const decided = suggestionsInDoc(doc).filter((suggestion) => decisions.has(suggestion.id));
  const kindOf = new Map(decided.map((suggestion) => [suggestion.id, suggestion.kind]));
  for (const text of textsUnder(doc.getXmlFragment(CONTENT_FRAGMENT))) {
    const edits: { index: number; length: number; remove: boolean; unformat: Record<string, null> }[] = [];
    let index = 0;
    for (const run of text.toDelta() as DeltaRun[]) {
      const length = runLength(run);
      let remove = false;
      const unformat: Record<string, null> = {};
      for (const kind of KINDS) {
        const marked = markOf(run.attributes, kind);
        if (!marked || kindOf.get(marked.mark.id) !== kind) continue;
        const decision = decisions.get(marked.mark.id)!;
        // Accepting a deletion or rejecting an insertion takes the words out; the opposite keeps them, unmarked.
        if (decision !== 'unmark' && (kind === 'insert') === (decision === 'rejected')) remove = true;
        else unformat[marked.key] = null;
      }
      if (remove || Object.keys(unformat).length > 0) edits.push({ index, length, remove, unformat });
      index += length;
    }
    for (const edit of edits.reverse()) {
      if (edit.remove) text.delete(edit.index, edit.length);
      else text.format(edit.index, edit.length, edit.unformat);
    }
  }
  return decided;
}

export class Suggestions {
  /** Per section: the suggestion ids already looked at for notifications (absent: not looked at since the start). */
  private readonly known = new Map<string, Set<string>>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Per section, the ids decided so far (read from the audit once, then kept up to date). */
  private readonly decided = new Map<string, Set<string>>();
  private stopped = false;

  constructor(
    private readonly deps: {
      db: Db;
      store: SectionStore;
      content: SectionContent;
      sections: Sections;
      people: People;
      notifications: Notifications;
      events: WorkspaceEventBus;
    },
  ) {
    deps.events.on('section-edited', (sectionId) => this.edited(sectionId));
  }

  /**
   * The open suggestions of a section, in document order, with their authors' names: in its source
   * text, or with `lang` in that translation (#19), whose marks follow the same rules.
   */
  list(sectionId: string, lang = ''): OpenSuggestion[] {
    return this.deps.store.read(documentKey(sectionId, lang), suggestionsInDoc).map((found) => this.named(found));
  }

  /**
   * The section a suggestion is (or was) in, among `sectionIds`, for a decision that names only the
   * suggestion: open ones first, then decided ones (so that deciding again says 409, not 404).
   */
  sectionOf(id: string, sectionIds: readonly string[]): string | null {
    for (const sectionId of sectionIds) if (this.deps.store.read(sectionId, suggestionsInDoc).some((found) => found.id === id)) return sectionId;
    return sectionIds.find((sectionId) => this.decisionOf(sectionId, id) !== null) ?? null;
  }

  /** One open suggestion of a section, or a 404 (never made) or 409 (decided already) refusal. */
  find(sectionId: string, id: string, lang = ''): OpenSuggestion {
    // Decisions are audited per section, whatever the language: suggestion ids are random, never shared.
    const found = this.list(sectionId, lang).find((suggestion) => suggestion.id === id);
    if (found) return found;
    const decided = this.decisionOf(sectionId, id);
    if (decided) throw new DomainError(409, `this suggestion was ${decided} already`, 'already-decided');
    throw new DomainError(404, 'no such suggestion in this section', 'not-found');
  }

  /**
   * Accepts or rejects suggestions as one change of the section's text, made on `actorId`'s
   * behalf, stored and broadcast before this returns. Suggestions no longer open are skipped.
   */
  decide(sectionId: string, ids: string[], decision: SuggestionDecisionKind, actorId: number, lang = ''): OpenSuggestion[] {
    if (ids.length === 0) return [];
    let decided: FoundSuggestion[] = [];
    this.deps.store.change(documentKey(sectionId, lang), actorId, (doc) => {
      decided = applyDecisions(doc, new Map(ids.map((id) => [id, decision])));
    });
    const known = this.decidedIn(sectionId);
    for (const suggestion of decided) known.add(suggestion.id);
    return decided.map((found) => this.named(found));
  }

  /** The ids decided in a section so far. */
  private decidedIn(sectionId: string): Set<string> {
    let known = this.decided.get(sectionId);
    if (!known) {
      known = new Set();
      for (const row of this.decisionRows(sectionId)) for (const id of row.ids) known.add(id);
      this.decided.set(sectionId, known);
    }
    return known;
  }

  /**
   * Unmarks what still carries an id decided before (see the module comment): one change on the
   * server's behalf, only when there is such text. Returns the suggestions still open.
   */
  private finishDecided(sectionId: string, open: FoundSuggestion[]): FoundSuggestion[] {
    const decided = this.decidedIn(sectionId);
    const leftovers = open.filter((suggestion) => decided.has(suggestion.id));
    if (leftovers.length === 0) return open;
    this.deps.store.change(sectionId, null, (doc) => {
      applyDecisions(doc, new Map(leftovers.map((suggestion) => [suggestion.id, 'unmark' as const])));
    });
    return open.filter((suggestion) => !decided.has(suggestion.id));
  }

  /**
   * Tells each author whose suggestions were decided (unless they decided them themselves): one
   * notification per author and decision, quoting the decided text.
   */
  tellAuthors(sectionId: string, decided: OpenSuggestion[], decision: SuggestionDecisionKind, actorId: number): void {
    const byAuthor = new Map<number, string[]>();
    for (const suggestion of decided) byAuthor.set(suggestion.author, [...(byAuthor.get(suggestion.author) ?? []), suggestion.text]);
    for (const [author, texts] of byAuthor) {
      if (!this.deps.people.find(author)) continue;
      this.deps.notifications.notify([author], {
        kind: decision === 'accepted' ? 'suggestion-accepted' : 'suggestion-rejected',
        sectionId,
        actorId,
        excerpt: texts.join(' · '),
      });
    }
  }

  /** How a suggestion no longer in the text was decided, from the audit of decisions; null if it never was. */
  private decisionOf(sectionId: string, id: string): SuggestionDecisionKind | null {
    return this.decisionRows(sectionId).find((row) => row.ids.includes(id))?.decision ?? null;
  }

  /** The section's decisions as the audit holds them, newest first. */
  private decisionRows(sectionId: string): { decision: SuggestionDecisionKind; ids: string[] }[] {
    return this.deps.db
      .select({ action: auditEvents.action, detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(inArray(auditEvents.action, Object.values(DECISION_AUDIT_ACTIONS)), eq(auditEvents.target, `section:${sectionId}`)))
      .all()
      .reverse()
      .map((row) => {
        const detail = JSON.parse(row.detail) as { suggestions?: unknown };
        return {
          decision: row.action === DECISION_AUDIT_ACTIONS.accepted ? ('accepted' as const) : ('rejected' as const),
          ids: Array.isArray(detail.suggestions) ? detail.suggestions.filter((id): id is string => typeof id === 'string') : [],
        };
      });
  }

  private named(found: FoundSuggestion): OpenSuggestion {
    return {
      id: found.id,
      author: found.author,
      authorName: this.deps.people.find(found.author)?.name ?? '',
      kind: found.kind,
      text: found.text,
      at: found.at === null ? null : new Date(found.at).toISOString(),
    };
  }

  /** A section's text was stored: look at its suggestions once the burst has had its two seconds. */
  private edited(sectionId: string): void {
    if (this.stopped || this.pending.has(sectionId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(sectionId);
      this.noticeNew(sectionId);
    }, NOTICE_AFTER_MS);
    timer.unref();
    this.pending.set(sectionId, timer);
  }

  /**
   * After an edit: unmarks what carries a decided id (`finishDecided`), then tells the people who
   * may accept suggestions on the section of the new ones, once per suggester
   * within `NOTICE_EVERY_MS`. Reads the section's cached content snapshot (which the search index
   * and the dashboard read too), not the document. A suggestion is new when its id was not there
   * at the last look; at the first look since the server started, when it was made within the
   * last `NOTICE_EVERY_MS` (the stored notifications then say whether it was told already).
   * Runs after the edit is stored: a failure is logged, never thrown at the editor.
   */
  noticeNew(sectionId: string, now = Date.now()): void {
    try {
      const section = this.deps.sections.find(sectionId);
      if (!section) return;
      const open = this.finishDecided(sectionId, suggestionsInJson(this.deps.content.snapshot(sectionId).json));
      const known = this.known.get(sectionId);
      this.known.set(sectionId, new Set(open.map((suggestion) => suggestion.id)));
      const fresh = open.filter((suggestion) => (known ? !known.has(suggestion.id) : (suggestion.at ?? 0) >= now - NOTICE_EVERY_MS));
      const byAuthor = new Map<number, FoundSuggestion>();
      // The newest of each suggester's new suggestions stands for them all.
      for (const suggestion of fresh) {
        const newest = byAuthor.get(suggestion.author);
        if (!newest || (suggestion.at ?? 0) >= (newest.at ?? 0)) byAuthor.set(suggestion.author, suggestion);
      }
      for (const [author, suggestion] of byAuthor) {
        if (!this.deps.people.find(author) || this.toldSince(sectionId, author, new Date(now - NOTICE_EVERY_MS))) continue;
        this.deps.notifications.notify(this.deciders(section), { kind: 'suggested', sectionId, actorId: author, excerpt: suggestion.text });
      }
    } catch (error) {
      console.error(`[suggestions] telling of new suggestions in ${sectionId} failed`, error);
    }
  }

  /** Whether anyone was told of this person's suggestions in this section since `since`. */
  private toldSince(sectionId: string, author: number, since: Date): boolean {
    const row = this.deps.db
      .select({ id: notificationRows.id })
      .from(notificationRows)
      .where(
        and(
          eq(notificationRows.kind, 'suggested'),
          eq(notificationRows.sectionId, sectionId),
          eq(notificationRows.actorId, author),
          gte(notificationRows.createdAt, since),
        ),
      )
      .limit(1)
      .get();
    return row !== undefined;
  }

  /**
   * Who hears of new suggestions: the members and leads who may accept them (the owning working
   * group; every group for a regional module). Coordinators may accept too, but would hear of
   * every section's.
   */
  deciders(section: Section): number[] {
    return this.deps.people
      .list()
      .filter((person) => (person.role === 'member' || person.role === 'lead') && maySection(person, ACCEPT_SUGGESTIONS, section))
      .map((person) => person.id);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
