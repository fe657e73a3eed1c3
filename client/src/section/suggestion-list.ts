/**
 * The open suggestions of a section as the margin shows them: read live from the editor's text
 * (one entry per suggestion id, in the order of the text), decided through the REST routes of
 * `shared/api/suggestions.ts`. A decision is an ordinary change of the text made by the server, so
 * the cards follow it through the editor like everybody's typing; nothing is kept here but what
 * is under way and what went wrong.
 */
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Me, Person, Section } from '../../../shared/api';
import type { BulkSuggestionDecisionBody, SuggestionDecision, SuggestionDecisionBody } from '../../../shared/api/suggestions';
import { maySection } from '../../../shared/policy';
import { isUnauthenticated, request } from '../api';
import { type TextSuggestion, suggestionsIn } from '../editor/suggesting';
import { t } from '../i18n';
import { safeColour } from '../colour';
import { confirmAction } from './confirm-dialog';
import { PeopleDirectory } from './people-directory';
import { plural } from './plural';
import { explain } from './problems';

export interface SuggestionListHost {
  readonly sectionId: string;
  /** The language version whose suggestions these are: a translation's code (#19), or absent for the source. */
  readonly lang?: string;
  me(): Me | null;
  section(): Section | null;
  view(): EditorView | null;
  /** A person as the comments' people directory knows them; null: not (yet) in it. */
  person(author: number): Person | null;
  /** The marks' colours may have changed (a new author was looked up). */
  recolour(): void;
  /** Starts a comment thread on the selected text (the suggestion's, selected first). */
  discuss(): void;
  rerender(): void;
  sessionEnded(): void;
}

export type Decision = 'accept' | 'reject';

export class SuggestionList {
  /** A decision under way: a suggestion id, or `all` / `author-<id>` for the bulk ones. */
  private readonly busy = new Set<string>();
  private readonly errors = new Map<string, string>();
  /** The suggestion whose card was last picked. */
  active: string | null = null;
  /** Said by the page's polite live region after a decision. */
  announcement = '';

  /** Authors the comments' directory did not know when it was read (a reviewer who joined since). */
  private readonly latecomers = new PeopleDirectory();
  private readonly lookedUp = new Set<number>();

  constructor(private readonly host: SuggestionListHost) {}

  /** The author, from the comments' directory or, for somebody new, the directory read again (once). */
  person(author: number): Person | null {
    const known = this.host.person(author) ?? this.latecomers.find(author);
    if (known || this.lookedUp.has(author)) return known;
    this.lookedUp.add(author);
    void this.latecomers.refresh().then((read) => {
      if (!read) return;
      this.host.recolour();
      this.host.rerender();
    });
    return null;
  }

  /** The open suggestions in the text now, in its order. */
  all(): readonly TextSuggestion[] {
    const view = this.host.view();
    return view ? suggestionsIn(view.state) : [];
  }

  /** The authors of open suggestions, each once, in the order of their first suggestion. */
  authors(suggestions: readonly TextSuggestion[]): number[] {
    return [...new Set(suggestions.map((suggestion) => suggestion.author))];
  }

  /** The policy's 'accept-suggestion': members and leads of the owning group, coordinators. */
  mayAccept(): boolean {
    const me = this.host.me();
    const section = this.host.section();
    return section !== null && maySection(me ? { ...me, active: true } : null, 'accept-suggestion', section);
  }

  /** Anyone who may accept may reject; so may the author, their own. */
  mayReject(suggestion: Pick<TextSuggestion, 'author'>): boolean {
    return this.mayAccept() || suggestion.author === this.host.me()?.id;
  }

  name(author: number): string {
    return this.person(author)?.name ?? t('suggestions.someone');
  }

  colour(author: number): string {
    return safeColour(this.person(author)?.colour);
  }

  isBusy(key: string): boolean {
    return this.busy.has(key);
  }

  errorOf(key: string): string | null {
    return this.errors.get(key) ?? null;
  }

  /** Selects the suggestion's text and brings it into view (its card was picked). */
  select(suggestion: TextSuggestion): void {
    this.active = suggestion.id;
    const view = this.host.view();
    this.host.rerender();
    if (!view) return;
    const size = view.state.doc.content.size;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, Math.min(suggestion.from, size), Math.min(suggestion.to, size))));
    view.focus();
    const { node } = view.domAtPos(suggestion.from);
    const element = node instanceof Element ? node : node.parentElement;
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  /** A comment thread on the suggestion's text. */
  discuss(suggestion: TextSuggestion): void {
    this.select(suggestion);
    this.host.discuss();
  }

  decide(suggestion: TextSuggestion, decision: Decision): Promise<void> {
    const body: SuggestionDecisionBody = { sectionId: this.host.sectionId, ...(this.host.lang ? { lang: this.host.lang } : {}) };
    return this.run(suggestion.id, () => request<SuggestionDecision>('POST', `/suggestions/${encodeURIComponent(suggestion.id)}/${decision}`, body));
  }

  /** Accepts or rejects every open suggestion, or one person's (asked first). */
  async decideAll(decision: Decision, author?: number): Promise<void> {
    const count = this.all().filter((suggestion) => author === undefined || suggestion.author === author).length;
    const whose = author === undefined ? '' : this.name(author);
    const confirmed = await confirmAction({
      title: t(decision === 'accept' ? 'suggestions.acceptAll' : 'suggestions.rejectAll'),
      message: t(author === undefined ? `suggestions.${decision}AllConfirm` : `suggestions.${decision}ByConfirm`, {
        suggestions: plural('counted.suggestions', count),
        name: whose,
      }),
      confirm: t(decision === 'accept' ? 'suggestions.accept' : 'suggestions.reject'),
      danger: decision === 'reject',
    });
    if (!confirmed) return;
    const body: BulkSuggestionDecisionBody = { ...(author === undefined ? {} : { author }), ...(this.host.lang ? { lang: this.host.lang } : {}) };
    const key = author === undefined ? 'all' : `author-${author}`;
    await this.run(key, () => request<SuggestionDecision>('POST', `/sections/${encodeURIComponent(this.host.sectionId)}/suggestions/${decision}-all`, body));
  }

  private async run(key: string, send: () => Promise<SuggestionDecision>): Promise<void> {
    if (this.busy.has(key)) return;
    this.busy.add(key);
    this.errors.delete(key);
    this.host.rerender();
    try {
      const decided = await send();
      this.announcement = t(decided.decision === 'accepted' ? 'suggestions.live.accepted' : 'suggestions.live.rejected', {
        suggestions: plural('counted.suggestions', decided.count),
      });
    } catch (error) {
      if (isUnauthenticated(error)) return this.host.sessionEnded();
      this.errors.set(
        key,
        explain(error, {
          '403': t('suggestions.error.forbidden'),
          '404': t('suggestions.error.gone'),
        }),
      );
    } finally {
      this.busy.delete(key);
      this.host.rerender();
    }
  }
}
