/**
 * The Notes list under the section's text (#18): every footnote in order with its number, as a
 * reader of the printed syllabus sees them at the foot of the page. A note's number is a button
 * that goes to its marker in the text (where the note is edited). Hidden while there are none.
 */
import { DOMSerializer } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import { schema } from '../../../shared/schema';
import { locale, t } from '../i18n';
import { type Footnote, footnotesKey } from './footnote-state';

const serializer = DOMSerializer.fromSchema(schema);

export class NotesList {
  private readonly element = document.createElement('section');
  private readonly heading = document.createElement('h2');
  private readonly list = document.createElement('ol');
  private shown: readonly Footnote[] = [];
  private shownLocale = '';

  /** @param goTo selects the marker of a footnote, by its place in the text now. */
  constructor(
    private readonly view: EditorView,
    private readonly goTo: (pos: number) => void,
  ) {
    const headingId = `footnote-notes-${Math.random().toString(36).slice(2, 10)}`;
    this.element.className = 'footnote-notes';
    this.element.setAttribute('aria-labelledby', headingId);
    this.heading.id = headingId;
    this.heading.className = 'footnote-notes-title';
    this.list.className = 'footnote-notes-list';
    this.element.append(this.heading, this.list);
    this.element.hidden = true;
    view.dom.after(this.element);
    this.update(view);
  }

  update(view: EditorView): void {
    const notes = footnotesKey.getState(view.state)?.notes ?? [];
    if (notes === this.shown && locale() === this.shownLocale) return;
    // Typing elsewhere moves the footnotes but changes nothing shown here.
    const same = notes.length === this.shown.length && notes.every((note, index) => note.node === this.shown[index].node);
    this.shown = notes;
    if (same && locale() === this.shownLocale) return;
    this.shownLocale = locale();
    this.render(notes);
  }

  private render(notes: readonly Footnote[]): void {
    this.element.hidden = notes.length === 0;
    this.heading.textContent = t('footnotes.notes');
    this.list.replaceChildren(...notes.map((note, index) => this.item(note, index)));
  }

  private item(note: Footnote, index: number): HTMLLIElement {
    const item = document.createElement('li');
    item.className = 'footnote-note';
    item.setAttribute('data-footnote-number', String(note.number));
    const number = document.createElement('button');
    number.type = 'button';
    number.className = 'footnote-note-number';
    number.textContent = String(note.number);
    number.setAttribute('aria-label', t('footnotes.goTo', { number: note.number }));
    number.title = t('footnotes.goTo', { number: note.number });
    number.addEventListener('click', () => {
      const now = footnotesKey.getState(this.view.state)?.notes[index];
      if (now) this.goTo(now.pos);
    });
    const text = document.createElement('span');
    text.className = 'footnote-note-text';
    if (note.node.content.size > 0) text.append(serializer.serializeFragment(note.node.content));
    else {
      text.classList.add('is-empty');
      text.textContent = t('footnotes.empty');
    }
    item.append(number, text);
    return item;
  }

  destroy(): void {
    this.element.remove();
  }
}
