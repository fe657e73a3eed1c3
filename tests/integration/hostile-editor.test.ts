/**
 * An editor who may write, attacking through a raw y-protocols client: writing under someone
 * else's Yjs client id, and content the schema does not allow. Each refused update is refused where
 * messages are received: nothing of it is applied, stored or sent, the sender is told (close 4422),
 * and everyone else goes on editing.
 */
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import { CLOSE_UPDATE_REFUSED } from '../../shared/collab-protocol';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { onServer, storedSections } from '../support/collab-state';
import { type RawClient, awarenessMessage, openRaw, syncUpdateMessage, updateFrom } from '../support/raw-socket';
import {
  type TestPerson,
  type TestWorkspace,
  addTestPerson,
  api,
  signIn,
  startTestWorkspace,
  waitFor,
} from '../support/workspace';

let workspace: TestWorkspace;
let victim: TestPerson;
let attacker: TestPerson;
let victimCookie: string;
let attackerCookie: string;
const open: RawClient[] = [];

beforeAll(async () => {
  workspace = await startTestWorkspace();
  victim = await addTestPerson(workspace, 'member', 'KG', 'Айгуль');
  attacker = await addTestPerson(workspace, 'member', 'KG', 'Forger');
  victimCookie = await signIn(workspace.url, victim.email, victim.password);
  attackerCookie = await signIn(workspace.url, attacker.email, attacker.password);
});
afterEach(() => {
  for (const client of open.splice(0)) client.close();
});
afterAll(() => workspace.stop());

async function raw(sectionId: string, cookie: string): Promise<RawClient> {
  const client = await openRaw(workspace.url, sectionId, cookie);
  open.push(client);
  return client;
}

/** A paragraph of text in the section's ProseMirror fragment, as the editor would write it. */
function paragraph(base: Y.Doc, text: string, clientId: number): Uint8Array {
  return updateFrom(
    base,
    (doc) => {
      const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      fragment.insert(fragment.length, [p]);
    },
    clientId,
  );
}

const textOf = (doc: Y.Doc) => doc.getXmlFragment(CONTENT_FRAGMENT).toString();

function inParagraph(...children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, children);
  return p;
}

function footnote(...children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement {
  const note = new Y.XmlElement('footnote');
  note.insert(0, children);
  return note;
}

/** A cross-reference to a Part 1 heading with `attrs` changed (undefined leaves an attribute out). */
function reference(attrs: Record<string, unknown>, ...children: Y.XmlText[]): Y.XmlElement {
  const element = new Y.XmlElement('cross_reference');
  const all: Record<string, unknown> = { section: 'regional-3', target: 'tq1w2e3r4t', label: '1.3 Return migration', ...attrs };
  for (const [key, value] of Object.entries(all)) if (value !== undefined) element.setAttribute(key, value as string);
  if (children.length > 0) element.insert(0, children);
  return element;
}

describe('client ids belong to the person who first used them', () => {
  test('an editor cannot write under the client id the victim writes with', async () => {
    const section = 'national-kg';
    const victimClient = await raw(section, victimCookie);
    const victimId = 424_242;
    victimClient.send(syncUpdateMessage(paragraph(victimClient.mirror, 'Written by the victim.', victimId)));
    await victimClient.barrier();

    const forger = await raw(section, attackerCookie);
    // Continues the victim's clock, as a forger who read the document would (Yjs itself would pick
    // a new id on seeing its own in the state, so the id is set after loading it).
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(forger.mirror));
    doc.clientID = victimId;
    const before = Y.encodeStateVector(doc);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('Words put in the victim’s mouth.')]);
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(doc.getXmlFragment(CONTENT_FRAGMENT).length, [p]);
    const forged = Y.encodeStateAsUpdate(doc, before);
    forger.send(syncUpdateMessage(forged));
    const closed = await forger.closed;
    expect(closed.code).toBe(CLOSE_UPDATE_REFUSED);
    expect(closed.reason).toMatch(/client id/);
    expect(onServer(workspace, section, textOf)).not.toContain('mouth');
    // The victim's own text and connection are untouched; the victim goes on writing under its id.
    expect(victimClient.isClosed()).toBe(false);
    victimClient.send(syncUpdateMessage(paragraph(victimClient.mirror, 'Still mine.', victimId)));
    await victimClient.barrier();
    expect(onServer(workspace, section, textOf)).toContain('Still mine.');
    // Who wrote what names the victim for the victim's text only.
    const attribution = await api(workspace.url, victimCookie)('GET', `/sections/${section}/attribution`);
    expect((attribution.body as { people: { name: string }[] }).people.map((person) => person.name)).toEqual(['Айгуль']);
  });

  test('an id learnt from presence is the victim’s even before the victim types, and survives the victim being offline', async () => {
    const section = 'regional-4';
    const victimClient = await raw(section, victimCookie);
    const victimId = 515_151;
    victimClient.send(awarenessMessage([{ clientId: victimId, clock: 1, state: { cursor: null } }]));
    await victimClient.barrier();
    // The victim goes offline, with an edit not yet sent.
    const offlineEdit = paragraph(victimClient.mirror, 'Typed on the train.', victimId);
    victimClient.close();

    const forger = await raw(section, attackerCookie);
    forger.send(syncUpdateMessage(paragraph(forger.mirror, 'Forged first.', victimId)));
    expect((await forger.closed).code).toBe(CLOSE_UPDATE_REFUSED);

    // Back online, the victim's edit is taken under its own id, whole.
    const back = await raw(section, victimCookie);
    back.send(syncUpdateMessage(offlineEdit, 'step2'));
    await back.barrier();
    const text = onServer(workspace, section, textOf);
    expect(text).toContain('Typed on the train.');
    expect(text).not.toContain('Forged first.');
  });

  test('the same person may use many client ids (tabs, reloads), and the claims survive a restart', async () => {
    const section = 'regional-5';
    const tab1 = await raw(section, victimCookie);
    tab1.send(syncUpdateMessage(paragraph(tab1.mirror, 'First tab.', 616_161)));
    await tab1.barrier();
    const tab2 = await raw(section, victimCookie);
    tab2.send(syncUpdateMessage(paragraph(tab2.mirror, 'Second tab.', 626_262)));
    await tab2.barrier();
    expect(tab1.isClosed() || tab2.isClosed()).toBe(false);
    const stored = storedSections(workspace.dataDir, [section]).get(section)!;
    expect(textOf(stored)).toContain('Second tab.');
    const owners = workspace.server.db.$client
      .prepare('SELECT client_id AS clientId, person_id AS personId FROM doc_authors WHERE section_id = ?')
      .all(section) as { clientId: number; personId: number }[];
    expect(owners).toEqual(
      expect.arrayContaining([
        { clientId: 616_161, personId: victim.id },
        { clientId: 626_262, personId: victim.id },
      ]),
    );
  });
});

describe('content the schema does not allow is never applied', () => {
  const cases: [string, (fragment: Y.XmlFragment) => void][] = [
    [
      'a link whose href is an object',
      (fragment) => {
        const p = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        p.insert(0, [text]);
        fragment.insert(fragment.length, [p]);
        text.insert(0, 'click', { link: { href: { evil: true }, title: null } });
      },
    ],
    [
      'a heading whose level is a string',
      (fragment) => {
        const heading = new Y.XmlElement('heading');
        heading.setAttribute('level', 'two' as unknown as string);
        heading.insert(0, [new Y.XmlText('Title')]);
        fragment.insert(fragment.length, [heading]);
      },
    ],
    [
      'an unknown node',
      (fragment) => {
        const script = new Y.XmlElement('script');
        script.insert(0, [new Y.XmlText('alert(1)')]);
        fragment.insert(fragment.length, [script]);
      },
    ],
    [
      'an unknown mark',
      (fragment) => {
        const p = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        p.insert(0, [text]);
        fragment.insert(fragment.length, [p]);
        text.insert(0, 'blink', { blink: {} });
      },
    ],
    [
      'a table row directly in the document',
      (fragment) => {
        const row = new Y.XmlElement('table_row');
        fragment.insert(fragment.length, [row]);
      },
    ],
    [
      'text directly in a list',
      (fragment) => {
        const list = new Y.XmlElement('bullet_list');
        list.insert(0, [new Y.XmlText('loose')]);
        fragment.insert(fragment.length, [list]);
      },
    ],
    [
      'an attribute the node does not have',
      (fragment) => {
        const p = new Y.XmlElement('paragraph');
        p.setAttribute('onclick', 'steal()');
        fragment.insert(fragment.length, [p]);
      },
    ],
    // Footnotes and cross-references (#18): a note holds text only; a reference names its target
    // by two short ids and shows a label of a line, and needs both ids to be a reference at all.
    ['a footnote inside a footnote', (fragment) => fragment.insert(fragment.length, [inParagraph(footnote(footnote(new Y.XmlText('nested'))))])],
    ['a footnote holding a paragraph', (fragment) => fragment.insert(fragment.length, [inParagraph(footnote(inParagraph(new Y.XmlText('a whole paragraph'))))])],
    ['a footnote holding a line break', (fragment) => fragment.insert(fragment.length, [inParagraph(footnote(new Y.XmlElement('hard_break')))])],
    ['a footnote straight in the document', (fragment) => fragment.insert(fragment.length, [footnote(new Y.XmlText('loose note'))])],
    ['a cross-reference whose section is a number', (fragment) => fragment.insert(fragment.length, [inParagraph(reference({ section: 42 }))])],
    ['a cross-reference whose target is an object', (fragment) => fragment.insert(fragment.length, [inParagraph(reference({ target: { evil: true } }))])],
    ['a cross-reference without a target', (fragment) => fragment.insert(fragment.length, [inParagraph(reference({ target: undefined }))])],
    ['a cross-reference with a section id of a thousand characters', (fragment) => fragment.insert(fragment.length, [inParagraph(reference({ section: 'x'.repeat(1000) }))])],
    ['a cross-reference with a target id of 65 characters', (fragment) => fragment.insert(fragment.length, [inParagraph(reference({ target: 't'.repeat(65) }))])],
    ['a cross-reference with a label of 100,000 characters', (fragment) => fragment.insert(fragment.length, [inParagraph(reference({ label: 'см. '.repeat(25_000) }))])],
    ['a cross-reference holding text', (fragment) => fragment.insert(fragment.length, [inParagraph(reference({}, new Y.XmlText('hidden')))])],
    [
      'a heading whose id is a number',
      (fragment) => {
        const heading = new Y.XmlElement('heading');
        heading.setAttribute('level', 2 as unknown as string);
        heading.setAttribute('id', 7 as unknown as string);
        heading.insert(0, [new Y.XmlText('Numbered')]);
        fragment.insert(fragment.length, [heading]);
      },
    ],
    [
      'a table whose id is an object',
      (fragment) => {
        const table = new Y.XmlElement('table');
        table.setAttribute('id', { id: 'x' } as unknown as string);
        fragment.insert(fragment.length, [table]);
      },
    ],
  ];

  test.each(cases)('%s is refused: nothing stored, the sender told, the others unaffected', async (_what, poison) => {
    const section = 'regional-1';
    const bystander = await raw(section, victimCookie);
    const sender = await raw(section, attackerCookie);
    const before = onServer(workspace, section, (doc) => Y.encodeStateVector(doc));
    sender.send(syncUpdateMessage(updateFrom(sender.mirror, (doc) => poison(doc.getXmlFragment(CONTENT_FRAGMENT)))));
    const closed = await sender.closed;
    expect(closed.code).toBe(CLOSE_UPDATE_REFUSED);
    expect(closed.reason).toMatch(/content not allowed/);
    expect(onServer(workspace, section, (doc) => Y.encodeStateVector(doc))).toEqual(before);
    expect(bystander.isClosed()).toBe(false);
    // The section still saves versions, submits and reads (no 500).
    const coordinator = await addTestPerson(workspace, 'coordinator', 'IOM');
    const cookie = await signIn(workspace.url, coordinator.email, coordinator.password);
    const saved = await api(workspace.url, cookie)('POST', `/sections/${section}/versions`, { label: 'after a refused update' });
    expect(saved.status).toBe(201);
  });

  test('everything the editor makes is still taken: headings, lists, tables, links, marks, line breaks', async () => {
    const section = 'regional-2';
    const writer = await raw(section, victimCookie);
    const json = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2, id: 'tq1w2e3r4t' }, content: [{ type: 'text', text: 'Outcomes' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Under the law' },
            {
              type: 'footnote',
              content: [
                { type: 'text', text: 'Закон РК «О миграции населения», ' },
                { type: 'text', text: 'ст. 12', marks: [{ type: 'italic' }] },
              ],
            },
            { type: 'footnote' },
            { type: 'text', text: ', see ' },
            { type: 'cross_reference', attrs: { section: 'regional-3', target: 'section', label: '1.3 Return migration' } },
          ],
        },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'See ', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'the law', marks: [{ type: 'link', attrs: { href: 'https://adilet.zan.kz', title: null } }] },
            { type: 'hard_break' },
            { type: 'text', text: 'H', marks: [{ type: 'italic' }] },
            { type: 'text', text: '2', marks: [{ type: 'subscript' }] },
          ],
        },
        { type: 'bullet_list', content: [{ type: 'list_item', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] },
        { type: 'ordered_list', attrs: { order: 3 }, content: [{ type: 'list_item', content: [{ type: 'paragraph' }] }] },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quoted' }] }] },
        {
          type: 'table',
          attrs: { id: 'tz9x8c7v6b' },
          content: [
            { type: 'table_row', content: [{ type: 'table_header', attrs: { colspan: 1, rowspan: 1, colwidth: [120] }, content: [{ type: 'paragraph' }] }] },
            { type: 'table_row', content: [{ type: 'table_cell', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'cell' }] }] }] },
          ],
        },
      ],
    };
    schema.nodeFromJSON(json).check();
    const update = updateFrom(writer.mirror, (doc) => {
      prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(CONTENT_FRAGMENT));
    });
    writer.send(syncUpdateMessage(update));
    await writer.barrier();
    expect(writer.isClosed()).toBe(false);
    await waitFor(() => onServer(workspace, section, textOf).includes('cell'), 'the whole document on the server');
    // Footnotes, references and ids are read back as written (nothing repaired away).
    const stored = JSON.stringify(workspace.server.content.snapshot(section).json);
    for (const expected of ['миграции населения', '"footnote"', '"target":"section"', '"id":"tq1w2e3r4t"', '"id":"tz9x8c7v6b"']) expect(stored).toContain(expected);
  });
});

describe('block ids and translation links survive a browser tab from an older build (#19)', () => {
  /** The ids of this test's blocks (the section may hold others). */
  const idsOf = (doc: Y.Doc) =>
    doc
      .getXmlFragment(CONTENT_FRAGMENT)
      .toArray()
      .map((element) => (element instanceof Y.XmlElement ? element.getAttribute('id') : undefined))
      .filter((id) => typeof id === 'string' && /^t(keep|gone)/.test(id));

  test('an update removing a block’s translation link in place is refused and the sender told; a new id and a block removed whole are taken', async () => {
    const section = 'national-kg';
    const writer = await raw(section, victimCookie);
    writer.send(
      syncUpdateMessage(
        updateFrom(writer.mirror, (doc) => {
          const p = new Y.XmlElement('paragraph');
          p.setAttribute('id', 'tkeep00001');
          p.setAttribute('source', 'tsource001');
          p.insert(0, [new Y.XmlText('Translated paragraph.')]);
          const q = new Y.XmlElement('paragraph');
          q.setAttribute('id', 'tgone00001');
          q.insert(0, [new Y.XmlText('Goes as a whole.')]);
          doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [p, q]);
        }),
      ),
    );
    await writer.barrier();
    const before = onServer(workspace, section, (doc) => Y.encodeStateVector(doc));

    // The old tab's y-prosemirror removes what its schema lacks: the id goes, the text stays.
    const oldTab = await raw(section, victimCookie);
    oldTab.send(
      syncUpdateMessage(
        updateFrom(oldTab.mirror, (doc) => {
          const p = doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement;
          p.removeAttribute('id');
          p.removeAttribute('source');
          (p.get(0) as Y.XmlText).insert(0, 'Typed. ');
        }),
      ),
    );
    // Taken, the update would be answered like any other: fail at once rather than wait for a close.
    const closed = await Promise.race([oldTab.closed, oldTab.barrier().then(() => ({ code: 0, reason: 'the update was taken' }))]);
    expect(closed.code).toBe(CLOSE_UPDATE_REFUSED);
    expect(closed.reason).toMatch(/content not allowed/);
    expect(onServer(workspace, section, (doc) => Y.encodeStateVector(doc))).toEqual(before);
    expect(onServer(workspace, section, idsOf)).toEqual(['tkeep00001', 'tgone00001']);
    expect(writer.isClosed()).toBe(false);

    // Our editor's own changes go on: a new value for an id, and a block removed whole.
    writer.send(
      syncUpdateMessage(
        updateFrom(writer.mirror, (doc) => {
          const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
          (fragment.get(0) as Y.XmlElement).setAttribute('id', 'tkeep00002');
          fragment.delete(1, 1);
        }),
      ),
    );
    await writer.barrier();
    expect(writer.isClosed()).toBe(false);
    expect(onServer(workspace, section, idsOf)).toEqual(['tkeep00002']);
  });
});

describe('a change larger than the server takes', () => {
  let small: TestWorkspace;
  let cookie: string;
  beforeAll(async () => {
    small = await startTestWorkspace({ maxCollabPayload: 64 * 1024 });
    const member = await addTestPerson(small, 'member', 'UZ', 'Dilnoza');
    cookie = await signIn(small.url, member.email, member.password);
  });
  afterAll(() => small.stop());

  test('an oversized paste through the real provider closes once as final and keeps the text locally, instead of looping', async () => {
    const { connectCollab, synced } = await import('../support/collab-client');
    const client = connectCollab(small.url, 'national-uz', cookie);
    try {
      await synced(client);
      let attempts = 0;
      client.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'connecting') attempts++;
      });
      const closed = new Promise<number>((resolve) => client.provider.on('closed', ({ code }: { code: number }) => resolve(code)));
      const fragment = client.doc.getXmlFragment(CONTENT_FRAGMENT);
      const huge = 'Oʻzbekiston Respublikasining migratsiya toʻgʻrisidagi qonuni. '.repeat(3000);
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(huge)]);
      fragment.insert(0, [p]);
      expect(await closed).toBe(1009);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // No reconnect loop: the provider stopped, and the text is still in the local document.
      expect(attempts).toBe(0);
      expect(client.provider.shouldConnect).toBe(false);
      expect(fragment.toString()).toContain('migratsiya');
      expect(onServer(small, 'national-uz', textOf)).not.toContain('migratsiya');
      // The section itself is fine: a fresh page of the same person opens it and writes.
      const fresh = connectCollab(small.url, 'national-uz', cookie);
      try {
        await synced(fresh);
        const line = new Y.XmlElement('paragraph');
        line.insert(0, [new Y.XmlText('Qisqa matn.')]);
        fresh.doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [line]);
        await waitFor(() => onServer(small, 'national-uz', textOf).includes('Qisqa matn.'), 'the next text on the server');
      } finally {
        fresh.destroy();
      }
    } finally {
      client.destroy();
    }
  });
});
