/**
 * Comments and suggestions on both sides of the side-by-side view (#19): the source text and the
 * translation are two documents, each with its own threads (the server keeps a thread's language)
 * and its own suggestion marks. Each side gets the section page's own `Comments` and
 * `SuggestionList`, told which language version they serve; the panel beside the columns lists one
 * side at a time, with a switch naming both and their counts. Commenting in, or clicking a
 * highlight in, either text brings its side forward.
 */
import { html, nothing, type TemplateResult } from 'lit-html';
import type { EditorView } from 'prosemirror-view';
import type { Me, Section, Thread } from '../../../shared/api';
import { suggestionsIn } from '../editor/suggesting';
import { t } from '../i18n';
import { Comments } from '../section/comments';
import { commentsSidebar } from '../section/comments-sidebar';
import { plural } from '../section/plural';
import { suggestionCards } from '../section/suggestion-cards';
import { SuggestionList } from '../section/suggestion-list';
import type { Side } from './alignment';

export interface SideDiscussionHost {
  readonly sectionId: string;
  /** The translation's language; the source side has none. */
  readonly lang: string;
  me(): Me | null;
  section(): Section | null;
  view(side: Side): EditorView | null;
  /** The suggestion marks of a side may take new colours (an author was looked up). */
  recolour(side: Side): void;
  rerender(): void;
  sessionEnded(): void;
}

const SIDES: Side[] = ['source', 'target'];

export class SideDiscussion {
  readonly comments: Record<Side, Comments>;
  readonly suggestions: Record<Side, SuggestionList>;
  /** Which side's comments and suggestions the panel lists. */
  shown: Side = 'target';

  constructor(private readonly host: SideDiscussionHost) {
    const make = (side: Side) => {
      const lang = side === 'target' ? host.lang : undefined;
      const comments = new Comments({
        sectionId: host.sectionId,
        lang,
        me: () => host.me(),
        canComment: () => host.section()?.permissions.comment ?? false,
        view: () => host.view(side),
        rerender: () => host.rerender(),
        reveal: () => this.show(side),
        sessionEnded: () => host.sessionEnded(),
      });
      const suggestions = new SuggestionList({
        sectionId: host.sectionId,
        lang,
        me: () => host.me(),
        section: () => host.section(),
        view: () => host.view(side),
        person: (author) => comments.person(author),
        recolour: () => host.recolour(side),
        discuss: () => comments.start(),
        rerender: () => host.rerender(),
        sessionEnded: () => host.sessionEnded(),
      });
      return { comments, suggestions };
    };
    const source = make('source');
    const target = make('target');
    this.comments = { source: source.comments, target: target.comments };
    this.suggestions = { source: source.suggestions, target: target.suggestions };
  }

  /** Both sides' threads (again, after a reconnection); the marks then take their authors' colours. */
  async load(): Promise<void> {
    await Promise.all(
      SIDES.map(async (side) => {
        await this.comments[side].load();
        this.host.recolour(side);
      }),
    );
  }

  /** A thread changed on the server: the side whose language it is on takes it (the other ignores it). */
  receive(thread: Thread): void {
    for (const side of SIDES) this.comments[side].receive(thread);
  }

  show(side: Side): void {
    if (this.shown === side) return;
    this.shown = side;
    this.host.rerender();
  }

  /** Comments on the selection of the side whose editor has the focus (Ctrl+Alt+M); false when neither has. */
  startInFocused(): boolean {
    const side = SIDES.find((candidate) => this.host.view(candidate)?.hasFocus());
    if (!side) return false;
    this.comments[side].start();
    return true;
  }

  /** Open threads and open suggestions on a side. */
  private counts(side: Side): { open: number; suggested: number } {
    const view = this.host.view(side);
    return { open: this.comments[side].openCount(), suggested: view ? suggestionsIn(view.state).length : 0 };
  }

  /**
   * The panel: the switch between the sides, then the shown side's suggestion cards and threads.
   * @param names each side's language name, as the columns' headings say it
   */
  template(names: Record<Side, string>, synced: Record<Side, boolean>): TemplateResult {
    const section = this.host.section();
    const canComment = section?.permissions.comment ?? false;
    const side = this.shown;
    const view = this.host.view(side);
    return html`<aside class="side-panel translation-discussion" aria-labelledby="discussion-title">
      <h2 id="discussion-title" class="discussion-title">${t('translation.discussion.title')}</h2>
      <div class="discussion-sides" role="group" aria-label=${t('translation.discussion.sides')}>
        ${SIDES.map((candidate) => {
          const { open, suggested } = this.counts(candidate);
          return html`<button
            type="button"
            class="discussion-side"
            aria-pressed=${String(candidate === side)}
            data-side=${candidate}
            @click=${() => this.show(candidate)}
          >
            <span>${t('translation.discussion.side', { language: names[candidate] })}</span>
            ${open > 0 ? html`<span class="tab-count" aria-label=${plural('counted.openComments', open)}>${open}</span>` : nothing}
            ${suggested > 0 ? html`<span class="tab-count is-suggestions" aria-label=${plural('counted.suggestions', suggested)}>${suggested}</span>` : nothing}
          </button>`;
        })}
      </div>
      <div class="discussion-body" data-side=${side}>
        ${view
          ? commentsSidebar(this.comments[side], {
              canComment,
              hasSelection: !view.state.selection.empty,
              synced: synced[side],
              suggestions: synced[side] ? suggestionCards(this.suggestions[side], { canComment }) : nothing,
            })
          : nothing}
      </div>
    </aside>`;
  }

  /** What the page's polite live regions say: comments that arrived, decisions made. */
  announcements(): TemplateResult {
    return html`${SIDES.map(
      (side) => html`<p class="visually-hidden" aria-live="polite">${this.comments[side].announcement}</p>
        <p class="visually-hidden" aria-live="polite">${this.suggestions[side].announcement}</p>`,
    )}`;
  }
}
