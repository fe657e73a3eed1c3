import {
  ACCESS_LEVELS,
  type Actor,
  isValidMembership,
  mayComment,
  maySection,
  mayWorkspace,
  sectionAccess,
} from '../../shared/policy';
import {
  OTHER_GROUPS_SUGGEST,
  PERSONAS,
  type Persona,
  RIGHTS,
  TABLE_SECTIONS,
  type TableSection,
  sectionCells,
  workspaceCells,
} from '../support/permission-table';

const actor = (persona: Persona, id = 1): Actor => ({ id, ...PERSONAS[persona], active: true });

describe('the policy module agrees with the permission table', () => {
  test.each(sectionCells(['read', 'edit', 'comment', 'suggest', 'accept-suggestion', 'submit', 'decide', 'set-suggestions-only']))(
    'a $persona $right $section: $allowed',
    ({ persona, right, section, allowed }) => {
      expect(maySection(actor(persona), right, TABLE_SECTIONS[section])).toBe(allowed);
    },
  );

  test.each(workspaceCells(['list-people', 'manage-people', 'read-audit', 'manage-structure']))(
    'a $persona $right: $allowed',
    ({ persona, right, allowed }) => {
      expect(mayWorkspace(actor(persona), right)).toBe(allowed);
    },
  );
});

describe('rules beyond the table', () => {
  test('a deactivated coordinator may do nothing at all', () => {
    const inactive = { ...actor('coordinator'), active: false };
    expect(maySection(inactive, 'read', TABLE_SECTIONS['a regional module'])).toBe(false);
    expect(mayWorkspace(inactive, 'manage-people')).toBe(false);
  });

  test('nobody signed out may read', () => {
    expect(maySection(null, 'read', TABLE_SECTIONS['a regional module'])).toBe(false);
    expect(mayWorkspace(null, 'read-workspace')).toBe(false);
  });

  test.each([
    ['KZ member', 'edit-comment', true, false],
    ['KZ member', 'delete-comment', true, false],
    ['IOM reviewer', 'resolve-comment', true, true],
    ['coordinator', 'delete-comment', true, true],
    ['coordinator', 'edit-comment', true, false],
  ] as const)('a %s %s: own comment %s, somebody else’s %s', (persona, action, own, others) => {
    const section = TABLE_SECTIONS['the Uzbek section'];
    expect(mayComment(actor(persona, 7), action, { authorId: 7, section })).toBe(own);
    expect(mayComment(actor(persona, 7), action, { authorId: 8, section })).toBe(others);
  });

  test.each([
    ['member', 'KZ', true],
    ['lead', 'UZ', true],
    ['member', 'IOM', false],
    ['lead', 'TSPC', false],
    ['reviewer', 'TSPC', true],
    ['reviewer', 'KG', false],
    ['coordinator', 'IOM', true],
    ['coordinator', 'TJ', false],
  ] as const)('a %s of %s is a valid membership: %s', (role, group, valid) => {
    expect(isValidMembership(role, group)).toBe(valid);
  });
});

describe('access levels to a section’s text', () => {
  const regional = TABLE_SECTIONS['a regional module'];

  /** The level the table implies: the most a person may do to the text, most to least. */
  function expectedLevel(persona: Persona, section: TableSection) {
    const rights = RIGHTS[persona];
    if (!rights.read.includes(section)) return null;
    if (rights.edit.includes(section)) return 'edit';
    if (rights.suggest.includes(section)) return 'suggest';
    if (rights.comment.includes(section)) return 'comment';
    return 'read';
  }

  test.each(sectionCells(['read']))('a $persona works on $section at the level the table implies', ({ persona, section }) => {
    expect(sectionAccess(actor(persona), TABLE_SECTIONS[section])).toBe(expectedLevel(persona, section));
  });

  test.each([
    ['KZ member', 'a regional module', 'edit'],
    ['KZ lead', 'the Kazakh section', 'edit'],
    ['KZ member', 'the Uzbek section', 'comment'],
    ['coordinator', 'the Uzbek section', 'edit'],
    ['IOM reviewer', 'a regional module', 'suggest'],
    ['TSPC reviewer', 'the Kazakh section', 'suggest'],
  ] as const)('a %s works on %s at the level %s', (persona, section, level) => {
    expect(sectionAccess(actor(persona), TABLE_SECTIONS[section])).toBe(level);
  });

  test('a reviewer suggests but never edits nor accepts: the level is suggest, not edit', () => {
    const reviewer = actor('IOM reviewer');
    for (const section of Object.values(TABLE_SECTIONS)) {
      expect(maySection(reviewer, 'suggest', section)).toBe(true);
      expect(maySection(reviewer, 'edit', section)).toBe(false);
      expect(maySection(reviewer, 'accept-suggestion', section)).toBe(false);
      expect(sectionAccess(reviewer, section)).toBe('suggest');
    }
  });

  test('someone who may edit works at edit, though they may also suggest there', () => {
    const member = actor('KZ member');
    const kazakh = TABLE_SECTIONS['the Kazakh section'];
    expect(maySection(member, 'suggest', kazakh)).toBe(true);
    expect(sectionAccess(member, kazakh)).toBe('edit');
  });

  test('members of other groups may not suggest on a country’s section while the coordinator setting is off', () => {
    const uzbek = TABLE_SECTIONS['the Uzbek section'];
    for (const persona of ['KZ member', 'KZ lead'] as const) {
      expect(maySection(actor(persona), 'suggest', uzbek)).toBe(false);
      expect(maySection(actor(persona), 'suggest', regional)).toBe(true);
      expect(sectionAccess(actor(persona), uzbek)).toBe('comment');
    }
  });

  test('a deactivated reviewer may neither suggest nor open a section', () => {
    const inactive = { ...actor('IOM reviewer'), active: false };
    expect(maySection(inactive, 'suggest', regional)).toBe(false);
    expect(sectionAccess(inactive, regional)).toBeNull();
  });

  test('a deactivated person, or nobody, may not open a section at all', () => {
    expect(sectionAccess({ ...actor('coordinator'), active: false }, regional)).toBeNull();
    expect(sectionAccess(null, regional)).toBeNull();
    expect(maySection(null, 'accept-suggestion', regional)).toBe(false);
  });

  test('every level is one of the listed levels, most to least', () => {
    expect(ACCESS_LEVELS).toEqual(['edit', 'suggest', 'comment', 'read']);
  });
});

describe('“suggestions only” on a section (#17)', () => {
  const on = (section: TableSection) => ({ ...TABLE_SECTIONS[section], suggestionsOnly: true });
  const off = (section: TableSection) => ({ ...TABLE_SECTIONS[section], suggestionsOnly: false });

  test.each(sectionCells(['read']))('a $persona on $section: edit becomes suggest while it is on, and back', ({ persona, section }) => {
    const rights = RIGHTS[persona];
    const editing = rights.edit.includes(section);
    expect(maySection(actor(persona), 'edit', on(section))).toBe(false);
    expect(maySection(actor(persona), 'restore-version', on(section))).toBe(false);
    expect(maySection(actor(persona), 'edit', off(section))).toBe(editing);
    const level = sectionAccess(actor(persona), on(section));
    if (editing) expect(level).toBe('suggest');
    else expect(level).toBe(sectionAccess(actor(persona), off(section)));
  });

  test('the group keeps accepting, submitting and saving versions while it is on', () => {
    const lead = actor('KZ lead');
    const kazakh = on('the Kazakh section');
    expect(maySection(lead, 'accept-suggestion', kazakh)).toBe(true);
    expect(maySection(lead, 'submit', kazakh)).toBe(true);
    expect(maySection(lead, 'save-version', kazakh)).toBe(true);
    expect(maySection(lead, 'set-suggestions-only', kazakh)).toBe(true);
  });

  test('a reviewer stays at suggest, and a member of another group at comment', () => {
    expect(sectionAccess(actor('IOM reviewer'), on('the Kazakh section'))).toBe('suggest');
    expect(sectionAccess(actor('UZ member'), on('the Kazakh section'))).toBe('comment');
  });
});

describe('the coordinators’ setting: other groups suggest on a country’s section (#17)', () => {
  const allowing = (section: TableSection, otherGroupsSuggest: boolean) => ({ ...TABLE_SECTIONS[section], otherGroupsSuggest });

  test.each(sectionCells(['read']))('a $persona suggests on $section as the setting says, both ways', ({ persona, section }) => {
    expect(maySection(actor(persona), 'suggest', allowing(section, true))).toBe(OTHER_GROUPS_SUGGEST[persona].includes(section));
    expect(maySection(actor(persona), 'suggest', allowing(section, false))).toBe(RIGHTS[persona].suggest.includes(section));
  });

  test('a UZ member works on the Kazakh section at comment by default and at suggest with the setting on', () => {
    expect(sectionAccess(actor('UZ member'), allowing('the Kazakh section', false))).toBe('comment');
    expect(sectionAccess(actor('UZ member'), allowing('the Kazakh section', true))).toBe('suggest');
    expect(maySection(actor('UZ member'), 'edit', allowing('the Kazakh section', true))).toBe(false);
    expect(maySection(actor('UZ member'), 'accept-suggestion', allowing('the Kazakh section', true))).toBe(false);
  });

  test('the setting never lowers anyone who edits', () => {
    expect(sectionAccess(actor('KZ member'), allowing('the Kazakh section', true))).toBe('edit');
  });
});
