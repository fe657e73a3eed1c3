/**
 * Judging a reviewer's keystroke reads the marks near it, not the paragraph from its start (#21,
 * row h'): the shadow keeps each text's formatting between updates and drops it when formatting
 * comes or goes. These cases put the change far from the marks that decide it, and check that the
 * kept formatting never outlives a change of the marks — the verdicts must be those of judging on a
 * new shadow.
 */
import * as Y from 'yjs';
import { SuggestionRules, type SuggestionVerdict } from '../../server/collab/suggestion-rules';
import { CONTENT_FRAGMENT } from '../../shared/schema';

const REVIEWER = 7;
const OTHER = 8;
const ins = (author = REVIEWER, id = 'ins-1') => ({ insertion: { id, author, at: 1 } });
const del = (author = REVIEWER, id = 'del-1') => ({ deletion: { id, author, at: 1 } });
/** About 3,300 characters of the working group's text. */
const LONG = 'The working group’s paragraph, long enough that its start is far from the change. '.repeat(40);

const textOf = (doc: Y.Doc) => (doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** A section of one paragraph, its text written by the working group. */
function sectionWith(write: (text: Y.XmlText) => void): Y.Doc {
  const section = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  section.getXmlFragment(CONTENT_FRAGMENT).insert(0, [paragraph]);
  write(text);
  return section;
}

/** A person's client: a copy of the section whose changes go up as updates, keystroke by keystroke. */
class Client {
  private doc = new Y.Doc();

  constructor(private readonly section: Y.Doc) {}

  /** The update one change makes on the client's copy, brought up to date with the section first. */
  change(write: (text: Y.XmlText) => void): Uint8Array {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.section, Y.encodeStateVector(this.doc)));
    const before = Y.encodeStateVector(this.doc);
    this.doc.transact(() => write(textOf(this.doc)));
    return Y.encodeStateAsUpdate(this.doc, before);
  }

  /** After a refusal the server closes the connection: the client comes back with the section's text. */
  reopen(): void {
    this.doc.destroy();
    this.doc = new Y.Doc();
  }
}

/** A reviewer's change, judged and applied when allowed, as the collab connection does. */
function suggest(section: Y.Doc, reviewer: Client, write: (text: Y.XmlText) => void): SuggestionVerdict['kind'] {
  const update = reviewer.change(write);
  const verdict = SuggestionRules.check(section, update, REVIEWER);
  if (verdict.kind === 'allowed') SuggestionRules.apply(section, update, reviewer);
  else reviewer.reopen();
  return verdict.kind;
}

/** The working group's change: taken as it is, and followed by the shadow. */
function edit(section: Y.Doc, member: Client, write: (text: Y.XmlText) => void): void {
  Y.applyUpdate(section, member.change(write), member);
}

let section: Y.Doc;
afterEach(() => {
  SuggestionRules.release(section);
  section.destroy();
});

test('a suggestion typed key by key in the middle of a long paragraph, bold far before it, is taken; plain typing there is not', () => {
  section = sectionWith((text) => {
    text.insert(0, LONG);
    text.format(10, 30, { bold: true });
  });
  const reviewer = new Client(section);
  for (const [i, key] of [...'and the duty to readmit '].entries()) {
    expect(suggest(section, reviewer, (text) => text.insert(2000 + i, key, ins()))).toBe('allowed');
  }
  expect(textOf(section).toString()).toContain('and the duty to readmit ');
  // Yjs would let the new character inherit the marks beside it: plain typing says it has none.
  expect(suggest(section, reviewer, (text) => text.insert(2005, 'x', { insertion: null }))).toBe('refused');
  expect(suggest(section, reviewer, (text) => text.insert(2005, 'x', ins(OTHER)))).toBe('refused');
  // Typed inside one's own suggestion, carrying its mark: taken.
  expect(suggest(section, reviewer, (text) => text.insert(2005, 'x', ins()))).toBe('allowed');
});

test('withdrawing one’s own words far from the start takes them; deleting the group’s words beside them is refused', () => {
  section = sectionWith((text) => text.insert(0, LONG));
  const reviewer = new Client(section);
  expect(suggest(section, reviewer, (text) => text.insert(2500, 'proposed words', ins()))).toBe('allowed');
  expect(suggest(section, reviewer, (text) => text.delete(2500 + 'proposed word'.length, 1))).toBe('allowed');
  expect(suggest(section, reviewer, (text) => text.delete(2500, 1))).toBe('allowed');
  expect(suggest(section, reviewer, (text) => text.delete(2499, 1))).toBe('refused');
  expect(suggest(section, reviewer, (text) => text.delete(2500 + 'roposed word'.length, 1))).toBe('refused');
  expect(suggest(section, reviewer, (text) => text.delete(2500, 'roposed word'.length))).toBe('allowed');
  expect(textOf(section).toString()).toBe(LONG);
});

test('another person’s deletion mark far left of the change: typing inside it carries it and is refused, withdrawing is not', () => {
  section = sectionWith((text) => {
    text.insert(0, LONG);
    // The reviewer's earlier suggestion, which another reviewer then proposed to delete.
    text.insert(500, 'x'.repeat(2000), { ...ins(), ...del(OTHER) });
  });
  const reviewer = new Client(section);
  expect(suggest(section, reviewer, (text) => text.delete(2000, 1))).toBe('allowed');
  expect(suggest(section, reviewer, (text) => text.insert(2000, 'y', { ...ins(), ...del(OTHER) }))).toBe('refused');
  // Past the end of the other's mark, one's own suggestion is taken again.
  expect(suggest(section, reviewer, (text) => text.insert(2700, 'z', ins()))).toBe('allowed');
});

test('a suggestion the working group accepted meanwhile is no longer the reviewer’s to withdraw', () => {
  section = sectionWith((text) => text.insert(0, LONG));
  const reviewer = new Client(section);
  const member = new Client(section);
  expect(suggest(section, reviewer, (text) => text.insert(2000, 'draft words', ins()))).toBe('allowed');
  expect(suggest(section, reviewer, (text) => text.delete(2000 + 'draft word'.length, 1))).toBe('allowed');
  edit(section, member, (text) => text.format(2000, 'draft word'.length, { insertion: null }));
  expect(suggest(section, reviewer, (text) => text.delete(2003, 1))).toBe('refused');
});

test('words the working group marks as the reviewer’s suggestion become the reviewer’s to withdraw', () => {
  section = sectionWith((text) => text.insert(0, LONG));
  const reviewer = new Client(section);
  const member = new Client(section);
  expect(suggest(section, reviewer, (text) => text.insert(100, 'early', ins()))).toBe('allowed');
  expect(suggest(section, reviewer, (text) => text.delete(104, 1))).toBe('allowed');
  edit(section, member, (text) => text.format(2000, 50, ins()));
  expect(suggest(section, reviewer, (text) => text.delete(2003, 1))).toBe('allowed');
});

test('the formatting kept between updates gives the verdicts of judging on a new shadow', () => {
  // Two copies of the section take the same updates; the second judges each on a new shadow.
  section = sectionWith((text) => {
    text.insert(0, LONG.slice(0, 1200));
    text.format(100, 200, { bold: true });
  });
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(section));
  const reviewer = new Client(section);
  const member = new Client(section);
  let seed = 21;
  const random = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / (2147483648 / n));
  const counts = { allowed: 0, refused: 0 };
  for (let step = 0; step < 300; step++) {
    const length = textOf(section).length;
    const at = random(length + 1);
    const span = Math.min(length - at, 1 + random(20));
    const choice = random(20);
    if (choice < 3) {
      const update = member.change((text) => {
        if (choice === 0) text.insert(at, 'm');
        else if (span > 0) text.format(at, span, [{ bold: true }, { insertion: null }, ins(), del(OTHER)][random(4)]);
      });
      Y.applyUpdate(section, update, member);
      Y.applyUpdate(fresh, update, member);
      continue;
    }
    const update = reviewer.change((text) => {
      if (choice < 11) text.insert(at, 'ab'.slice(0, 1 + random(2)), ins());
      else if (choice === 11) text.insert(at, 'p', { insertion: null });
      else if (choice === 12) text.insert(at, 'o', ins(OTHER));
      else if (choice < 17 && span > 0) text.delete(at, Math.min(span, 2));
      else if (choice < 19 && span > 0) text.format(at, span, del());
      else if (span > 0) text.format(at, span, { deletion: null });
    });
    const verdict = SuggestionRules.check(section, update, REVIEWER);
    SuggestionRules.release(fresh);
    expect(SuggestionRules.check(fresh, update, REVIEWER).kind).toBe(verdict.kind);
    counts[verdict.kind === 'allowed' ? 'allowed' : 'refused']++;
    if (verdict.kind === 'allowed') {
      SuggestionRules.apply(section, update, reviewer);
      SuggestionRules.apply(fresh, update, reviewer);
    } else reviewer.reopen();
  }
  SuggestionRules.release(fresh);
  expect(textOf(fresh).toString()).toBe(textOf(section).toString());
  // Both kinds of verdict came up often enough for the comparison to mean something.
  expect(counts.allowed).toBeGreaterThan(100);
  expect(counts.refused).toBeGreaterThan(30);
});
