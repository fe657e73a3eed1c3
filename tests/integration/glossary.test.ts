/**
 * The shared glossary over the real server (#20): entries in every workspace script, proposed by
 * the working groups and coordinators, edited by their proposer and coordinators, approved by one
 * reviewer per organisation (bound to the wording: an edit makes the entry proposed again and
 * keeps the approvals as stale history), deleted by coordinators. Every rule is tried from the
 * forbidden side (403 JSON), with bad input (400 JSON) and with an unknown id (404 JSON).
 */
import type { ApiErrorBody, AuditPage, GlossaryEntry } from '../../shared/api';
import { type TestPerson, type TestWorkspace, addTestPerson, api, signIn, startTestWorkspace } from '../support/workspace';

let workspace: TestWorkspace;
const cookies = new Map<TestPerson, string>();
let kzMember: TestPerson, kgMember: TestPerson, uzLead: TestPerson, iom: TestPerson, iomColleague: TestPerson, tspc: TestPerson, coordinator: TestPerson;

beforeAll(async () => {
  workspace = await startTestWorkspace();
  kzMember = await addTestPerson(workspace, 'member', 'KZ', 'Айгерім Сапарова');
  kgMember = await addTestPerson(workspace, 'member', 'KG', 'Алия Токтогулова');
  uzLead = await addTestPerson(workspace, 'lead', 'UZ', 'Oʻtkir Gʻulomov');
  iom = await addTestPerson(workspace, 'reviewer', 'IOM', 'Anna Keller');
  iomColleague = await addTestPerson(workspace, 'reviewer', 'IOM', 'Marc Olsen');
  tspc = await addTestPerson(workspace, 'reviewer', 'TSPC', 'Нурлан Абдыкадыров');
  coordinator = await addTestPerson(workspace, 'coordinator', 'IOM', 'Coordinator');
  for (const person of [kzMember, kgMember, uzLead, iom, iomColleague, tspc, coordinator]) {
    cookies.set(person, await signIn(workspace.url, person.email, person.password));
  }
});

afterAll(async () => {
  await workspace.stop();
});

const as = (person: TestPerson) => api(workspace.url, cookies.get(person)!);

/** "Readmission" in six scripts: Russian, English, Kazakh, Kyrgyz, Tajik Cyrillic and Turkmen, Uzbek Latin. */
const READMISSION = {
  terms: {
    ru: 'Реадмиссия',
    en: 'Readmission',
    kk: 'Реадмиссия (қайта қабылдау)',
    ky: 'Реадмиссия (кайра кабыл алуу ң ө ү)',
    tg: 'Реадмиссия (қабули бозгашт ҳ ҷ ӣ ӯ ғ)',
    tk: 'Gaýtadan kabul etmek (ç ä ž ň ö ş ü ý)',
    uz: 'Qayta qabul qilish (oʻ gʻ sh ch)',
  },
  definition: 'The act by a State accepting the re-entry of an individual (own nationals, third-country nationals or stateless persons).',
  source: 'IOM Glossary on Migration, 2019',
};

async function propose(person: TestPerson, body: unknown = READMISSION): Promise<GlossaryEntry> {
  const answer = await as(person)('POST', '/glossary', body);
  expect(answer.status).toBe(201);
  return answer.body as GlossaryEntry;
}

/** A refusal is JSON with a readable sentence and a stable code. */
function expectRefusal(answer: { status: number; body: unknown }, status: number, code: string): void {
  expect(answer.status).toBe(status);
  const body = answer.body as ApiErrorBody;
  expect(body.code).toBe(code);
  expect(typeof body.error).toBe('string');
  expect(body.error.length).toBeGreaterThan(5);
}

describe('proposing', () => {
  test('a member proposes an entry in every script, and everyone reads it back unchanged', async () => {
    const entry = await propose(kzMember);
    expect(entry.id).toMatch(/^[a-z0-9]{10}$/);
    expect(entry.terms).toEqual(READMISSION.terms);
    expect(entry.status).toBe('proposed');
    expect(entry.proposedBy).toEqual({ id: kzMember.id, name: 'Айгерім Сапарова' });
    expect(entry.approvals).toEqual([]);
    for (const reader of [kgMember, iom, coordinator]) {
      const list = (await as(reader)('GET', '/glossary')).body as GlossaryEntry[];
      const read = list.find((item) => item.id === entry.id)!;
      expect(read).toMatchObject({ terms: READMISSION.terms, definition: READMISSION.definition, source: READMISSION.source, status: 'proposed' });
    }
  });

  test('a lead and a coordinator propose too; a reviewer may not (403, audited)', async () => {
    await propose(uzLead, { terms: { uz: 'Migrant ishchi' }, definition: 'Chet elda ishlaydigan shaxs.' });
    await propose(coordinator, { terms: { en: 'Stateless person' }, definition: 'A person not considered a national by any State.', source: '1954 Convention, art. 1' });
    expectRefusal(await as(iom)('POST', '/glossary', READMISSION), 403, 'forbidden');
    const denied = ((await as(coordinator)('GET', '/audit?action=denied')).body as AuditPage).entries;
    expect(denied.some((entry) => entry.actorId === iom.id && entry.target === 'glossary')).toBe(true);
  });

  test('bad input is refused with a clear 400 and stores nothing', async () => {
    const before = ((await as(kzMember)('GET', '/glossary')).body as GlossaryEntry[]).length;
    const cases: [unknown, RegExp][] = [
      [{ terms: {}, definition: 'x' }, /at least one language/],
      [{ terms: { ru: '   ' }, definition: 'x' }, /at least one language/],
      [{ terms: { fr: 'Réadmission' }, definition: 'x' }, /not a workspace language/],
      [{ terms: { ru: 'а'.repeat(121) }, definition: 'x' }, /at most 120/],
      [{ terms: { ru: 'два\nстроки' }, definition: 'x' }, /one line/],
      [{ terms: { ru: 'Термин' }, definition: '' }, /definition/],
      [{ terms: { ru: 'Термин' }, definition: 'д'.repeat(2001) }, /at most 2000/],
      [{ terms: { ru: 'Термин' }, definition: 'x', source: 's'.repeat(301) }, /at most 300/],
      [{ terms: ['Термин'], definition: 'x' }, /terms/],
      [{ definition: 'x' }, /terms/],
    ];
    for (const [body, message] of cases) {
      const answer = await as(kzMember)('POST', '/glossary', body);
      expectRefusal(answer, 400, 'invalid-request');
      expect((answer.body as ApiErrorBody).error).toMatch(message);
    }
    // Not JSON an object could be read from: express's parser refuses it before the route.
    expectRefusal(await as(kzMember)('POST', '/glossary', 'not an object'), 400, 'invalid-body');
    expect(((await as(kzMember)('GET', '/glossary')).body as GlossaryEntry[]).length).toBe(before);
  });

  test('the limits are inclusive: 120, 2,000 and 300 characters are accepted', async () => {
    const entry = await propose(kgMember, { terms: { ky: 'ң'.repeat(120) }, definition: 'ө'.repeat(2000), source: 'ү'.repeat(300) });
    expect(entry.terms.ky).toHaveLength(120);
    await as(coordinator)('DELETE', `/glossary/${entry.id}`);
  });
});

describe('editing', () => {
  test('the proposer edits; another member may not; a coordinator may', async () => {
    const entry = await propose(kzMember);
    const edited = await as(kzMember)('PATCH', `/glossary/${entry.id}`, { source: 'Law of the Republic of Kazakhstan on Migration, art. 1' });
    expect(edited.status).toBe(200);
    expect((edited.body as GlossaryEntry).source).toBe('Law of the Republic of Kazakhstan on Migration, art. 1');
    expectRefusal(await as(kgMember)('PATCH', `/glossary/${entry.id}`, { source: 'changed by someone else' }), 403, 'forbidden');
    expectRefusal(await as(iom)('PATCH', `/glossary/${entry.id}`, { source: 'changed by a reviewer' }), 403, 'forbidden');
    const byCoordinator = await as(coordinator)('PATCH', `/glossary/${entry.id}`, { terms: { ...READMISSION.terms, en: 'Readmission (return)' } });
    expect(byCoordinator.status).toBe(200);
    expect((byCoordinator.body as GlossaryEntry).terms.en).toBe('Readmission (return)');
    expect((byCoordinator.body as GlossaryEntry).source).toBe('Law of the Republic of Kazakhstan on Migration, art. 1');
  });

  test('an edit with bad input or nothing to change is a 400, and the entry is unchanged', async () => {
    const entry = await propose(kzMember);
    expectRefusal(await as(kzMember)('PATCH', `/glossary/${entry.id}`, {}), 400, 'invalid-request');
    expectRefusal(await as(kzMember)('PATCH', `/glossary/${entry.id}`, { terms: { ru: '' } }), 400, 'invalid-request');
    expectRefusal(await as(kzMember)('PATCH', `/glossary/${entry.id}`, { definition: ' ' }), 400, 'invalid-request');
    const list = (await as(kzMember)('GET', '/glossary')).body as GlossaryEntry[];
    expect(list.find((item) => item.id === entry.id)).toMatchObject({ terms: READMISSION.terms, definition: READMISSION.definition });
  });
});

describe('editing at the same time', () => {
  test('an edit made from an older version is refused (409 changed) and the other edit stays', async () => {
    const entry = await propose(kzMember);
    const first = await as(coordinator)('PATCH', `/glossary/${entry.id}`, { source: 'Coordinator’s source', baseHash: entry.contentHash });
    expect(first.status).toBe(200);
    expectRefusal(await as(kzMember)('PATCH', `/glossary/${entry.id}`, { source: 'Member’s source', baseHash: entry.contentHash }), 409, 'changed');
    const list = (await as(kzMember)('GET', '/glossary')).body as GlossaryEntry[];
    expect(list.find((item) => item.id === entry.id)!.source).toBe('Coordinator’s source');
    // Knowingly, from the version they have now read, the member's edit goes through.
    const again = await as(kzMember)('PATCH', `/glossary/${entry.id}`, { source: 'Member’s source', baseHash: (first.body as GlossaryEntry).contentHash });
    expect((again.body as GlossaryEntry).source).toBe('Member’s source');
  });
});

describe('approving', () => {
  test('one approval per organisation; approved when IOM and TSPC both approved the current wording', async () => {
    const entry = await propose(kzMember);
    const afterIom = (await as(iom)('POST', `/glossary/${entry.id}/approvals`, { contentHash: entry.contentHash })).body as GlossaryEntry;
    expect(afterIom.status).toBe('proposed');
    expect(afterIom.approvals).toMatchObject([{ organisation: 'IOM', reviewer: { id: iom.id, name: 'Anna Keller' }, current: true }]);
    // A second IOM reviewer cannot add a second IOM approval of the same wording.
    expectRefusal(await as(iomColleague)('POST', `/glossary/${entry.id}/approvals`, {}), 409, 'already-approved');
    const afterTspc = (await as(tspc)('POST', `/glossary/${entry.id}/approvals`, {})).body as GlossaryEntry;
    expect(afterTspc.status).toBe('approved');
    expect(afterTspc.approvals.map((approval) => approval.organisation).sort()).toEqual(['IOM', 'TSPC']);
  });

  test('an edit after approval makes the entry proposed again, keeping the approvals as stale history', async () => {
    const entry = await propose(kzMember);
    await as(iom)('POST', `/glossary/${entry.id}/approvals`, {});
    await as(tspc)('POST', `/glossary/${entry.id}/approvals`, {});
    const edited = (await as(kzMember)('PATCH', `/glossary/${entry.id}`, { definition: `${READMISSION.definition} (edited)` })).body as GlossaryEntry;
    expect(edited.status).toBe('proposed');
    expect(edited.approvals).toHaveLength(2);
    expect(edited.approvals.every((approval) => !approval.current)).toBe(true);
    // The same organisation approves the new wording: its new approval counts, the old stays as history.
    const again = (await as(iomColleague)('POST', `/glossary/${entry.id}/approvals`, {})).body as GlossaryEntry;
    expect(again.approvals).toHaveLength(3);
    expect(again.approvals[0]).toMatchObject({ organisation: 'IOM', current: true, reviewer: { id: iomColleague.id } });
    expect(again.status).toBe('proposed');
    expect(((await as(tspc)('POST', `/glossary/${entry.id}/approvals`, {})).body as GlossaryEntry).status).toBe('approved');
  });

  test('an edit that changes nothing leaves the approval current', async () => {
    const entry = await propose(kzMember);
    await as(iom)('POST', `/glossary/${entry.id}/approvals`, {});
    await as(tspc)('POST', `/glossary/${entry.id}/approvals`, {});
    const same = (await as(kzMember)('PATCH', `/glossary/${entry.id}`, { definition: `  ${READMISSION.definition}  ` })).body as GlossaryEntry;
    expect(same.status).toBe('approved');
  });

  test('a reviewer approving wording that changed since they read it is refused (409), not bound to other words', async () => {
    const entry = await propose(kzMember);
    await as(kzMember)('PATCH', `/glossary/${entry.id}`, { source: 'Changed meanwhile' });
    expectRefusal(await as(iom)('POST', `/glossary/${entry.id}/approvals`, { contentHash: entry.contentHash }), 409, 'changed');
  });

  test('with only IOM required, IOM alone approves, and TSPC is told its approval is not asked for', async () => {
    expect((await as(coordinator)('PATCH', '/settings', { requiredOrganisations: ['IOM'] })).status).toBe(200);
    try {
      const entry = await propose(kzMember);
      expectRefusal(await as(tspc)('POST', `/glossary/${entry.id}/approvals`, {}), 403, 'not-required');
      expect(((await as(iom)('POST', `/glossary/${entry.id}/approvals`, {})).body as GlossaryEntry).status).toBe('approved');
    } finally {
      await as(coordinator)('PATCH', '/settings', { requiredOrganisations: ['IOM', 'TSPC'] });
    }
  });

  test('members, leads and coordinators may not approve (403)', async () => {
    const entry = await propose(kzMember);
    for (const person of [kzMember, kgMember, uzLead, coordinator]) {
      expectRefusal(await as(person)('POST', `/glossary/${entry.id}/approvals`, {}), 403, 'forbidden');
    }
    const list = (await as(kzMember)('GET', '/glossary')).body as GlossaryEntry[];
    expect(list.find((item) => item.id === entry.id)!.approvals).toEqual([]);
  });

  test('an approval body that is not an object with a hash is a 400', async () => {
    const entry = await propose(kzMember);
    expectRefusal(await as(iom)('POST', `/glossary/${entry.id}/approvals`, { contentHash: 42 }), 400, 'invalid-request');
  });
});

describe('deleting', () => {
  test('only a coordinator deletes; the entry and its approvals are gone; the audit keeps the term', async () => {
    const entry = await propose(kzMember);
    await as(iom)('POST', `/glossary/${entry.id}/approvals`, {});
    for (const person of [kzMember, uzLead, iom]) expectRefusal(await as(person)('DELETE', `/glossary/${entry.id}`), 403, 'forbidden');
    expect((await as(coordinator)('DELETE', `/glossary/${entry.id}`)).status).toBe(204);
    const list = (await as(kzMember)('GET', '/glossary')).body as GlossaryEntry[];
    expect(list.some((item) => item.id === entry.id)).toBe(false);
    const audit = ((await as(coordinator)('GET', '/audit?action=glossary.')).body as AuditPage).entries;
    expect(audit.find((row) => row.action === 'glossary.deleted' && row.target === `glossary:${entry.id}`)?.detail).toMatchObject({ term: 'Реадмиссия' });
    expect(audit.some((row) => row.action === 'glossary.approved' && row.target === `glossary:${entry.id}`)).toBe(true);
    expect(audit.some((row) => row.action === 'glossary.proposed' && row.target === `glossary:${entry.id}`)).toBe(true);
  });
});

describe('unknown entries', () => {
  test.each([
    ['PATCH', '/glossary/nosuchentry', { source: 'x' }],
    ['POST', '/glossary/nosuchentry/approvals', {}],
    ['DELETE', '/glossary/nosuchentry', undefined],
    ['PATCH', '/glossary/NOT-AN-ID!', { source: 'x' }],
  ])('%s %s is a 404 JSON', async (method, route, body) => {
    expectRefusal(await as(coordinator)(method, route, body), 404, 'not-found');
  });
});

test('a signed-out request reads nothing (401)', async () => {
  expect((await api(workspace.url, null)('GET', '/glossary')).status).toBe(401);
});
