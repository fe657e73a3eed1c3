import { ACCESS_LEVELS, type Actor, isValidMembership, mayComment, maySection, mayWorkspace, sectionAccess } from '../../shared/policy';
import {
  PERSONAS,
  type Persona,
  TABLE_SECTIONS,
  sectionCells,
  workspaceCells,
} from '../support/permission-table';

const actor = (persona: Persona, id = 1): Actor => ({ id, ...PERSONAS[persona], active: true });

describe('the policy module agrees with the permission table', () => {
  test.each(sectionCells(['read', 'edit', 'comment', 'submit', 'decide']))(
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
  test.each([
    ['KZ member', 'a regional module', 'edit'],
    ['KZ lead', 'the Kazakh section', 'edit'],
    ['KZ member', 'the Uzbek section', 'comment'],
    ['coordinator', 'the Uzbek section', 'edit'],
    ['IOM reviewer', 'a regional module', 'comment'],
  ] as const)('a %s works on %s at the level %s', (persona, section, level) => {
    expect(sectionAccess(actor(persona), TABLE_SECTIONS[section])).toBe(level);
  });

  test('a deactivated person, or nobody, may not open a section at all', () => {
    expect(sectionAccess({ ...actor('coordinator'), active: false }, regional)).toBeNull();
    expect(sectionAccess(null, regional)).toBeNull();
  });

  test('every level is one of the listed levels, most to least', () => {
    expect(ACCESS_LEVELS).toEqual(['edit', 'suggest', 'comment', 'read']);
  });
});
