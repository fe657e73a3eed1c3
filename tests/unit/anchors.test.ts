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
