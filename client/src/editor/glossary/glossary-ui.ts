/**
 * The glossary's popups beside one editor, as the plugin's view: the card of a linked term (on
 * pointer hover, on focus in a read-only text, and while the caret is in it), the hint bubble of
 * an unlinked variant ("Glossary: <term> — link it?" with a Link button; on hover, and while the
 * caret touches the words, which is also how a term just typed is offered), and the "Link to
 * glossary" list. None of them takes the focus except the list: typing and Enter stay the text's.
 */
import { html, nothing, render } from 'lit-html';
import type { EditorState, PluginView } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { onLocaleChange } from '../../i18n';
import { shortcutText } from './shortcut';
import type { GlossaryStore } from './glossary-store';
import { GLOSSARY_KEYS, canLink, glossaryKey, linkTerm, tellGlossary, termPlaces, unlinkTerm } from './glossary-state';
import { LinkList, type LinkRequest } from './link-list';
import { placeAt as placeNear, placeBelow } from './popup-place';
import { termCard } from './term-card';
import { type TermPlace, placeAt } from './term-reading';
import { say, termOf } from './words';
import './glossary.css';

/** How long a popup stays after the pointer left its words (time to reach its button). */
const LEAVE_DELAY_MS = 300;

/** What a popup is showing, and why (the pointer or the caret), so the two do not fight. */
interface Shown {
  place: TermPlace;
  by: 'pointer' | 'caret' | 'focus';
  /** Pointer and focus: the element on screen; caret: none (positions are used). */
  element?: HTMLElement;
}

export class GlossaryUi implements PluginView {
  private readonly root = document.createElement('div');
  private readonly card = document.createElement('div');
  private readonly bubble = document.createElement('div');
  private readonly announcer = document.createElement('p');
  private readonly list: LinkList;
  private cardShown: Shown | null = null;
  private bubbleShown: Shown | null = null;
  /** The hint the person dismissed with Escape, until the caret leaves it. */
  private dismissed: TermPlace | null = null;
  private leaveTimer = 0;
  private editable: boolean | null = null;
  private readonly stopListening: () => void;
  private readonly stopLocale: () => void;

  constructor(
    private readonly view: EditorView,
    private readonly store: GlossaryStore,
    tooltipId: string,
  ) {
    this.root.className = 'glossary-ui';
    this.card.className = 'glossary-card';
    this.card.id = tooltipId;
    this.card.setAttribute('role', 'tooltip');
    this.card.hidden = true;
    this.bubble.className = 'glossary-bubble';
    this.bubble.hidden = true;
    this.announcer.className = 'visually-hidden';
    this.announcer.setAttribute('role', 'status');
    this.list = new LinkList(view, store, (request, entry) => this.link(request, entry.id, termOf(entry)));
    this.root.append(this.card, this.bubble, this.list.element, this.announcer);
    document.body.append(this.root);
    for (const popup of [this.card, this.bubble]) {
      popup.addEventListener('mouseenter', () => window.clearTimeout(this.leaveTimer));
      popup.addEventListener('mouseleave', () => this.leaveSoon());
    }
    view.dom.addEventListener('mouseover', this.pointerOver);
    view.dom.addEventListener('mouseout', this.pointerOut);
    view.dom.addEventListener('focusin', this.focusIn);
    view.dom.addEventListener('focusout', this.focusOut);
    window.addEventListener('scroll', this.follow, true);
    window.addEventListener('resize', this.follow);
    this.stopListening = store.subscribe(() => {
      // The store announces from a network callback: never inside another dispatch.
      tellGlossary(view, { glossary: true });
      this.list.refresh();
      this.redraw();
    });
    this.stopLocale = onLocaleChange(() => {
      this.list.refresh();
      this.redraw();
    });
    this.update(view);
  }

  update(view: EditorView, previous?: EditorState): void {
    if (view.editable !== this.editable) {
      this.editable = view.editable;
      // Plugin views are updated inside a dispatch: the plugin hears of the change just after.
      queueMicrotask(() => tellGlossary(view, { editable: view.editable }));
      if (!view.editable) this.list.close(false);
    }
    if (previous && previous.doc === view.state.doc && previous.selection.eq(view.state.selection) && glossaryKey.getState(previous) === glossaryKey.getState(view.state)) return;
    this.followCaret(view.state);
  }

  destroy(): void {
    window.clearTimeout(this.leaveTimer);
    this.stopListening();
    this.stopLocale();
    this.view.dom.removeEventListener('mouseover', this.pointerOver);
    this.view.dom.removeEventListener('mouseout', this.pointerOut);
    this.view.dom.removeEventListener('focusin', this.focusIn);
    this.view.dom.removeEventListener('focusout', this.focusOut);
    window.removeEventListener('scroll', this.follow, true);
    window.removeEventListener('resize', this.follow);
    this.root.remove();
  }

  /** Opens "Link to glossary" for these words. */
  openList(request: LinkRequest): void {
    this.hideBubble();
    this.hideCard();
    this.list.open(request);
  }

  /** Escape in the text: closes the hint the caret opened. True when there was one. */
  dismiss(): boolean {
    if (this.bubbleShown?.by !== 'caret') return false;
    this.dismissed = this.bubbleShown.place;
    this.hideBubble();
    return true;
  }

  /** The caret moved or the text changed: the card of the link it is in, or the hint it touches. */
  private followCaret(state: EditorState): void {
    const { empty, from } = state.selection;
    const places = termPlaces(state);
    const focused = this.view.hasFocus();
    const link = empty && focused && this.view.editable ? placeAt(places.linked, from) : null;
    const inside = link && link.from < from && from < link.to ? link : null;
    if (inside) this.showCard({ place: inside, by: 'caret' });
    else if (this.cardShown?.by === 'caret') this.hideCard();

    const hinted = empty && focused && canLink(state) ? placeAt(places.unlinked, from) : null;
    if (this.dismissed && !(hinted && hinted.from === this.dismissed.from && hinted.to === this.dismissed.to)) this.dismissed = null;
    if (hinted && !this.dismissed && !inside) this.showBubble({ place: hinted, by: 'caret' });
    else if (this.bubbleShown?.by === 'caret') this.hideBubble();
  }

  private readonly pointerOver = (event: MouseEvent) => {
    const target = event.target as HTMLElement;
    const linked = target.closest<HTMLElement>('[data-glossary]');
    const hinted = target.closest<HTMLElement>('[data-glossary-hint]');
    if (linked) {
      const place = this.placeOf(linked, termPlaces(this.view.state).linked);
      if (place) {
        window.clearTimeout(this.leaveTimer);
        this.showCard({ place, by: 'pointer', element: linked });
      }
    } else if (hinted && canLink(this.view.state)) {
      const place = this.placeOf(hinted, termPlaces(this.view.state).unlinked);
      if (place) {
        window.clearTimeout(this.leaveTimer);
        this.showBubble({ place, by: 'pointer', element: hinted });
      }
    }
  };

  private readonly pointerOut = (event: MouseEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest('[data-glossary], [data-glossary-hint]')) this.leaveSoon();
  };

  private leaveSoon(): void {
    window.clearTimeout(this.leaveTimer);
    this.leaveTimer = window.setTimeout(() => {
      if (this.cardShown?.by === 'pointer') this.hideCard();
      if (this.bubbleShown?.by === 'pointer') this.hideBubble();
      this.followCaret(this.view.state);
    }, LEAVE_DELAY_MS);
  }

  /** A read-only text's link took the focus (Tab): its card, described by it. */
  private readonly focusIn = (event: FocusEvent) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-glossary-focus]');
    if (!target) return;
    const place = this.placeOf(target, termPlaces(this.view.state).linked);
    if (place) this.showCard({ place, by: 'focus', element: target });
  };

  private readonly focusOut = () => {
    if (this.cardShown?.by === 'focus') this.hideCard();
    // Leaving the text: the caret's popups go too (but not the list, which has the focus now).
    queueMicrotask(() => {
      if (this.view.isDestroyed || this.view.hasFocus()) return;
      if (this.cardShown?.by === 'caret') this.hideCard();
      if (this.bubbleShown?.by === 'caret') this.hideBubble();
    });
  };

  /** The place an element of the text stands for (by its position in the document). */
  private placeOf(element: HTMLElement, places: readonly TermPlace[]): TermPlace | null {
    try {
      const pos = this.view.posAtDOM(element, 0);
      return placeAt(places, pos);
    } catch {
      return null;
    }
  }

  /** One popup under the pointer at a time: the card of a link, or the hint of a variant. */
  private showCard(shown: Shown): void {
    if (shown.by === 'pointer' && this.bubbleShown?.by === 'pointer') this.hideBubble();
    this.cardShown = shown;
    this.drawCard();
  }

  private drawCard(): void {
    const shown = this.cardShown;
    if (!shown) return;
    const { place } = shown;
    const unlink = this.view.editable && canLink(this.view.state) ? () => this.unlink(place) : undefined;
    render(termCard(this.store.entry(place.entry), this.store.load, unlink), this.card);
    this.card.hidden = false;
    this.position(this.card, shown);
  }

  private hideCard(): void {
    this.cardShown = null;
    this.card.hidden = true;
  }

  private showBubble(shown: Shown): void {
    if (shown.by === 'pointer' && this.cardShown?.by === 'pointer') this.hideCard();
    this.bubbleShown = shown;
    this.drawBubble();
  }

  private drawBubble(): void {
    const shown = this.bubbleShown;
    if (!shown) return;
    const entry = this.store.entry(shown.place.entry);
    if (!entry) return this.hideBubble();
    const term = termOf(entry);
    render(
      html`<span class="glossary-bubble-text">${say('glossaryEditor.hint', { term })}</span>
        <button
          type="button"
          class="button small primary glossary-bubble-link"
          tabindex="-1"
          @mousedown=${(event: MouseEvent) => event.preventDefault()}
          @click=${() => this.link(shown.place, entry.id, term)}
        >
          ${say('glossaryEditor.link')}
        </button>
        ${shown.by === 'caret' ? html`<span class="glossary-bubble-keys">${say('glossaryEditor.offerKeys', { keys: shortcutText(GLOSSARY_KEYS) })}</span>` : nothing}`,
      this.bubble,
    );
    this.bubble.hidden = false;
    this.position(this.bubble, shown);
  }

  private hideBubble(): void {
    this.bubbleShown = null;
    this.bubble.hidden = true;
  }

  private position(popup: HTMLElement, shown: Shown): void {
    if (shown.element?.isConnected) {
      const box = shown.element.getBoundingClientRect();
      placeNear(popup, { left: box.left, top: box.top, bottom: box.bottom });
    } else placeBelow(popup, this.view, shown.place.from, shown.place.to);
  }

  private readonly follow = () => {
    this.list.place();
    if (this.cardShown) this.position(this.card, this.cardShown);
    if (this.bubbleShown) this.position(this.bubble, this.bubbleShown);
  };

  /** The glossary or the language changed: what is shown is drawn again. */
  private redraw(): void {
    if (this.cardShown) this.drawCard();
    if (this.bubbleShown) this.drawBubble();
  }

  private link(range: { from: number; to: number }, entry: string, term: string): void {
    if (this.view.isDestroyed || !canLink(this.view.state)) return;
    this.hideBubble();
    linkTerm(this.view, range.from, range.to, entry);
    this.view.focus();
    this.announcer.textContent = say('glossaryEditor.linked', { term });
  }

  private unlink(place: TermPlace): void {
    this.hideCard();
    unlinkTerm(this.view, place.from, place.to);
    this.view.focus();
  }
}
