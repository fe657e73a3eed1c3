import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { anchorFor, readSection, resolveAnchor } from '../../shared/anchors';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';

const SENTENCE = 'Возвратная миграция требует согласия мигранта.';

/** Two replicas of one section, exchanging updates as the server would relay them. */
function twoClients() {
  const reviewer = new Y.Doc();
  const member = new Y.Doc();
  reviewer.on('update', (update: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(member, update, 'relay'));
  member.on('update', (update: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(reviewer, update, 'relay'));
  prosemirrorJSONToYXmlFragment(
    schema,
    {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Введение.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: `Первое. ${SENTENCE} Последнее.` }] },
      ],
    },
    reviewer.getXmlFragment(CONTENT_FRAGMENT),
  );
  return { reviewer, member };
}

/** The reviewer's comment on SENTENCE. */
function commentOnSentence(doc: Y.Doc) {
  const { node, fragment, mapping } = readSection(doc);
  let from = -1;
  node.descendants((child, pos) => {
    if (child.isText && child.text!.includes(SENTENCE)) from = pos + child.text!.indexOf(SENTENCE);
  });
  return anchorFor(fragment, mapping, from, from + SENTENCE.length);
}

function anchoredText(doc: Y.Doc, anchor: ReturnType<typeof commentOnSentence>) {
  const { node, fragment, mapping } = readSection(doc);
  const resolved = resolveAnchor(doc, fragment, mapping, anchor);
  return resolved.detached ? null : node.textBetween(resolved.from, resolved.to);
}

/** The Y.XmlText of the member's second paragraph, edited as y-prosemirror would. */
const secondParagraphText = (doc: Y.Doc) =>
  (doc.getXmlFragment(CONTENT_FRAGMENT).get(1) as Y.XmlElement).get(0) as Y.XmlText;

describe('a comment anchor follows its text through another client’s edits', () => {
  test('inserts before, inside and after the range', () => {
    const { reviewer, member } = twoClients();
    const anchor = commentOnSentence(reviewer);
    expect(anchoredText(reviewer, anchor)).toBe(SENTENCE);
    const text = secondParagraphText(member);
    const start = text.toString().indexOf(SENTENCE);
    text.insert(text.length - ' Последнее.'.length, ' (после)');
    text.insert(start + 'Возвратная'.length, ' и добровольная');
    text.insert(0, 'Қазақстан: ');
    member.getXmlFragment(CONTENT_FRAGMENT).insert(0, [new Y.XmlElement('paragraph')]);
    expect(anchoredText(reviewer, anchor)).toBe('Возвратная и добровольная миграция требует согласия мигранта.');
    expect(anchoredText(member, anchor)).toBe('Возвратная и добровольная миграция требует согласия мигранта.');
  });

  test('a deleted paragraph before the range moves it without changing it', () => {
    const { reviewer, member } = twoClients();
    const anchor = commentOnSentence(reviewer);
    member.getXmlFragment(CONTENT_FRAGMENT).delete(0, 1);
    expect(anchoredText(reviewer, anchor)).toBe(SENTENCE);
  });

  test('deleting the whole range detaches the comment', () => {
    const { reviewer, member } = twoClients();
    const anchor = commentOnSentence(reviewer);
    const text = secondParagraphText(member);
    text.delete(text.toString().indexOf(SENTENCE), SENTENCE.length);
    expect(anchoredText(reviewer, anchor)).toBeNull();
  });

  test('deleting the whole paragraph detaches the comment', () => {
    const { reviewer, member } = twoClients();
    const anchor = commentOnSentence(reviewer);
    member.getXmlFragment(CONTENT_FRAGMENT).delete(1, 1);
    expect(anchoredText(reviewer, anchor)).toBeNull();
  });

  test('garbage anchors resolve as detached rather than throwing', () => {
    const { reviewer } = twoClients();
    expect(anchoredText(reviewer, { start: 'AAAA', end: '////' })).toBeNull();
  });
});

describe('a comment on words that include a footnote (#18)', () => {
  /** A member's text with a note after "закон", and the reviewer's copy, exchanging updates. */
  function withNote() {
    const { reviewer, member } = twoClients();
    const fragment = member.getXmlFragment(CONTENT_FRAGMENT);
    member.transact(() => {
      const note = new Y.XmlElement('footnote');
      note.insert(0, [new Y.XmlText('Закон № 477-IV, ст. 12.')]);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Действует закон'), note, new Y.XmlText(' о миграции населения.')]);
      fragment.insert(fragment.length, [paragraph]);
    });
    return { reviewer, member };
  }

  /** The reviewer's comment from "закон" to the end of the note, or over the note and the words after it. */
  function comment(doc: Y.Doc, until: 'note' | 'after') {
    const { node, fragment, mapping } = readSection(doc);
    let from = -1;
    let to = -1;
    node.descendants((child, pos) => {
      if (child.isText && child.text === 'Действует закон') from = pos + 'Действует '.length;
      if (child.type.name === 'footnote') to = pos + child.nodeSize;
      if (until === 'after' && child.isText && child.text!.startsWith(' о миграции')) to = pos + ' о миграции'.length;
    });
    return anchorFor(fragment, mapping, from, to);
  }

  /** The anchored range as the reader sees it: a note's words in brackets where it stands. */
  function anchoredWithNotes(doc: Y.Doc, anchor: ReturnType<typeof comment>): string | null {
    const { node, fragment, mapping } = readSection(doc);
    const resolved = resolveAnchor(doc, fragment, mapping, anchor);
    if (resolved.detached) return null;
    let text = '';
    node.nodesBetween(resolved.from, resolved.to, (child, pos) => {
      if (child.type.name === 'footnote') {
        text += `[${child.textContent}]`;
        return false;
      }
      if (child.isText) text += child.text!.slice(Math.max(0, resolved.from - pos), resolved.to - pos);
      return true;
    });
    return text;
  }

  test('anchors over the note and the words after it, and follows edits before it and inside the note', () => {
    const { reviewer, member } = withNote();
    const anchor = comment(reviewer, 'after');
    expect(anchoredWithNotes(reviewer, anchor)).toBe('закон[Закон № 477-IV, ст. 12.] о миграции');
    const paragraph = member.getXmlFragment(CONTENT_FRAGMENT).get(2) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(0, 'Ныне ');
    ((paragraph.get(1) as Y.XmlElement).get(0) as Y.XmlText).insert('Закон № 477-IV, '.length, 'п. 3, ');
    expect(anchoredWithNotes(reviewer, anchor)).toBe('закон[Закон № 477-IV, п. 3, ст. 12.] о миграции');
    expect(anchoredWithNotes(member, anchor)).toBe('закон[Закон № 477-IV, п. 3, ст. 12.] о миграции');
  });

  test('a range that ends with the note keeps it, and words typed after the note stay outside', () => {
    const { reviewer, member } = withNote();
    const anchor = comment(reviewer, 'note');
    expect(anchoredWithNotes(reviewer, anchor)).toBe('закон[Закон № 477-IV, ст. 12.]');
    const paragraph = member.getXmlFragment(CONTENT_FRAGMENT).get(2) as Y.XmlElement;
    (paragraph.get(2) as Y.XmlText).insert(0, ' (в редакции 2024 года)');
    expect(anchoredWithNotes(reviewer, anchor)).toBe('закон[Закон № 477-IV, ст. 12.]');
  });

  test('deleting the commented words and the note detaches the comment', () => {
    const { reviewer, member } = withNote();
    const anchor = comment(reviewer, 'note');
    const paragraph = member.getXmlFragment(CONTENT_FRAGMENT).get(2) as Y.XmlElement;
    member.transact(() => {
      paragraph.delete(1, 1);
      (paragraph.get(0) as Y.XmlText).delete('Действует '.length, 'закон'.length);
    });
    expect(anchoredWithNotes(reviewer, anchor)).toBeNull();
  });
});
