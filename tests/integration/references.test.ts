/**
 * Cross-references over the real server (#18): a KZ paragraph points at a heading of Part 1's
 * module 3; the index (`GET /api/references`) shows that heading with its current number and
 * words as it is reworded and its section renamed and moved, and the dashboard counts the
 * reference as broken once the heading is deleted. The index is for signed-in readers only.
 */
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import type * as Y from 'yjs';
import type { DashboardOverview } from '../../shared/api';
import type { ReferenceIndex, ReferenceTarget } from '../../shared/api/references';
import { References } from '../../server/domain/references';
import { SECTION_TARGET, referenceLabel } from '../../shared/references';
import { CONTENT_FRAGMENT, schema } from '../../shared/schema';
import { type CollabClient, connectCollab, synced } from '../support/collab-client';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace, waitFor } from '../support/workspace';

let workspace: TestWorkspace;
const cookies = new Map<TestPerson, string>();
const clients: CollabClient[] = [];
let kzMember: TestPerson, kgMember: TestPerson, coordinator: TestPerson, reviewer: TestPerson;
let module3: CollabClient, kz: CollabClient;

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);
const serverJson = (sectionId: string) => JSON.stringify(workspace.server.content.snapshot(sectionId).json);

async function open(person: TestPerson, sectionId: string): Promise<CollabClient> {
  const client = connectCollab(workspace.url, sectionId, cookies.get(person)!);
  clients.push(client);
  await synced(client);
  return client;
}

async function write(client: CollabClient, sectionId: string, content: unknown[], until: string): Promise<void> {
  prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, client.doc.getXmlFragment(CONTENT_FRAGMENT));
  await waitFor(() => serverJson(sectionId).includes(until), 'the text on the server');
}

async function targets(person: TestPerson): Promise<ReferenceTarget[]> {
  const response = await as(person)('GET', '/references');
  expect(response.status).toBe(200);
  return (response.body as ReferenceIndex).targets;
}

async function targetOf(person: TestPerson, section: string, target: string): Promise<ReferenceTarget | undefined> {
  return (await targets(person)).find((candidate) => candidate.section === section && candidate.target === target);
}

/** Polls the index until `check` holds for the target (the server reads the text after it is stored). */
async function eventually(person: TestPerson, section: string, target: string, check: (found: ReferenceTarget | undefined) => boolean): Promise<ReferenceTarget | undefined> {
  let found: ReferenceTarget | undefined;
  const start = Date.now();
  while (!check((found = await targetOf(person, section, target)))) {
    if (Date.now() - start > 5000) throw new Error(`the index never showed what was expected: ${JSON.stringify(found)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return found;
}

/** The heading element (first block) of module 3's text and its words. */
const headingText = () => (module3.doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  kzMember = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  kgMember = await addTestPerson(workspace, 'member', 'KG', 'Алия Токтогулова');
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Coordinator');
  reviewer = await addTestPerson(workspace, 'reviewer', 'TSPC', 'Dana Reviewer');
  for (const person of [kzMember, kgMember, coordinator, reviewer]) cookies.set(person, await signIn(workspace.url, person.email, person.password));

  // Module 3 (Part 1): a heading that has its id, and one that has none yet (never edited here).
  module3 = await open(kzMember, 'regional-3');
  await write(
    module3,
    'regional-3',
    [
      { type: 'heading', attrs: { level: 2, id: 'treturn' }, content: [{ type: 'text', text: 'Readmission agreements' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Соглашения о реадмиссии.' }] },
      { type: 'heading', attrs: { level: 2, id: null }, content: [{ type: 'text', text: 'Without an id' }] },
    ],
    'Without an id',
  );
  // The KZ national section refers to it.
  kz = await open(kzMember, 'national-kz');
  await write(
    kz,
    'national-kz',
    [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Қазақстан: см. ' },
          { type: 'cross_reference', attrs: { section: 'regional-3', target: 'treturn', label: '1.3 Readmission agreements' } },
        ],
      },
    ],
    'cross_reference',
  );
});

afterAll(async () => {
  clients.forEach((client) => client.destroy());
  await workspace.stop();
});

test('the index lists a Part 1 heading with its number and words, and the section itself', async () => {
  const listed = await targets(kgMember);
  const heading = listed.find((target) => target.target === 'treturn');
  expect(heading).toEqual({ section: 'regional-3', target: 'treturn', kind: 'heading', number: '1.3', title: 'Readmission agreements', ordinal: 2 });
  expect(referenceLabel(heading!)).toBe('1.3 Readmission agreements');
  expect(listed.find((target) => target.section === 'national-kz' && target.target === SECTION_TARGET)).toMatchObject({ kind: 'section', number: '2.1' });
  // A heading nobody has edited since it was written has no id yet: nothing can point at it.
  expect(listed.some((target) => target.title === 'Without an id')).toBe(false);
  // Master order: Part 1's sections, then Part 2's.
  const sections = [...new Set(listed.map((target) => target.section))];
  expect(sections[0]).toBe('regional-1');
  expect(sections.indexOf('regional-3')).toBeLessThan(sections.indexOf('national-kz'));
});

test('section titles are in the person’s language', async () => {
  expect((await as(reviewer)('PATCH', '/me', { locale: 'ru' })).status).toBe(200);
  const section = await targetOf(reviewer, 'regional-3', SECTION_TARGET);
  expect(section?.title).toBe('Возвратная миграция (добровольная и принудительная)');
  expect((await targetOf(kgMember, 'regional-3', SECTION_TARGET))?.title).toBe('Return migration (voluntary and forced)');
});

test('rewording the heading: the reference shows the new words', async () => {
  const text = headingText();
  text.delete(0, text.length);
  text.insert(0, 'Readmission and return agreements');
  const found = await eventually(kgMember, 'regional-3', 'treturn', (target) => target?.title === 'Readmission and return agreements');
  expect(found?.number).toBe('1.3');
});

test('renaming and moving the section: its number and title follow', async () => {
  const renamed = await as(coordinator)('PATCH', '/sections/regional-3', { titles: { en: 'Return migration' } });
  expect(renamed.status).toBe(200);
  expect((await targetOf(kgMember, 'regional-3', SECTION_TARGET))?.title).toBe('Return migration');
  // There is no route that reorders sections yet: the move is made in the database, as a coordinator's would be.
  const sqlite = workspace.server.db.$client;
  sqlite.prepare("UPDATE sections SET position = CASE id WHEN 'regional-3' THEN 5 ELSE 3 END WHERE id IN ('regional-3', 'regional-5')").run();
  try {
    expect(await targetOf(kgMember, 'regional-3', 'treturn')).toMatchObject({ number: '1.5', title: 'Readmission and return agreements' });
    expect(await targetOf(kgMember, 'regional-3', SECTION_TARGET)).toMatchObject({ number: '1.5', title: 'Return migration' });
  } finally {
    sqlite.prepare("UPDATE sections SET position = CASE id WHEN 'regional-3' THEN 3 ELSE 5 END WHERE id IN ('regional-3', 'regional-5')").run();
  }
});

test('deleting the heading: the target leaves the index and the KZ row counts one broken reference', async () => {
  const row = (sectionId: string) => workspace.server.dashboard.overview().sections.find((candidate) => candidate.id === sectionId)!;
  const dashboard = async () => {
    const response = await as(kgMember)('GET', '/dashboard');
    expect(response.status).toBe(200);
    return (response.body as DashboardOverview).sections.find((candidate) => candidate.id === 'national-kz')!;
  };
  expect(row('national-kz').brokenReferences).toBe(0);
  module3.doc.getXmlFragment(CONTENT_FRAGMENT).delete(0, 1);
  await eventually(kgMember, 'regional-3', 'treturn', (target) => target === undefined);
  expect(row('national-kz').brokenReferences).toBe(1);
  expect(row('regional-3').brokenReferences).toBe(0);
  // The row as announced live after a change of the section, and as the dashboard route answers it.
  expect(workspace.server.dashboard.row(workspace.server.services.sections.find('national-kz')!).brokenReferences).toBe(1);
  expect((await dashboard()).brokenReferences).toBe(1);
});

test('an export’s targets: every section’s, read from the text the file holds where it is given', () => {
  const references = new References({ sections: workspace.server.services.sections, content: workspace.server.content });
  // The heading was deleted from the draft: only an approved text that still has it holds the target.
  const approved = { type: 'doc', content: [{ type: 'heading', attrs: { level: 2, id: 'treturn' }, content: [{ type: 'text', text: 'Readmission agreements' }] }] };
  expect(references.targetRecord('ru')['regional-3#treturn']).toBeUndefined();
  const record = references.targetRecord('ru', new Map([['regional-3', approved]]));
  expect(record['regional-3#treturn']).toMatchObject({ number: '1.3', title: 'Readmission agreements' });
  expect(record['national-kz#section'].title).toBe('Казахстан: национальные правовые нормы и опыт управления');
  expect(Object.keys(record).filter((key) => key.endsWith('#section'))).toHaveLength(10);
});

describe('who gets the index', () => {
  test('nobody without a session', async () => {
    const response = await api(workspace.url, null)('GET', '/references');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ code: 'unauthenticated' });
  });

  test('a person the policy may not let read a section gets none of its targets', () => {
    const references = new References({ sections: workspace.server.services.sections, content: workspace.server.content });
    const person = { id: kgMember.id, role: kgMember.role, group: kgMember.group, active: true };
    expect(references.targetsFor(person).length).toBeGreaterThanOrEqual(10);
    // Every active person may read every section today: a deactivated one is who the policy refuses.
    expect(references.targetsFor({ ...person, active: false })).toEqual([]);
  });

  test('a deactivated person is refused, with no targets', async () => {
    const leaving = await addTestPerson(workspace, 'member', 'TJ', 'Leaving member');
    const cookie = await signIn(workspace.url, leaving.email, leaving.password);
    expect((await api(workspace.url, cookie)('GET', '/references')).status).toBe(200);
    expect((await as(coordinator)('PATCH', `/people/${leaving.id}`, { active: false })).status).toBe(200);
    const refused = await api(workspace.url, cookie)('GET', '/references');
    expect(refused.status).toBe(401);
    expect(refused.body).not.toHaveProperty('targets');
  });
});
