/**
 * Who may do what, written out by hand from BRIEF.md (not derived from the policy module, so that
 * the tests can catch the module being wrong). The unit test checks the policy module against it;
 * the integration matrix checks every transport against it, both ways.
 */
import type { GroupCode, Role } from '../../shared/workspace';

export const PERSONAS = {
  'KZ member': { role: 'member', group: 'KZ' },
  'KZ lead': { role: 'lead', group: 'KZ' },
  'UZ member': { role: 'member', group: 'UZ' },
  'UZ lead': { role: 'lead', group: 'UZ' },
  'IOM reviewer': { role: 'reviewer', group: 'IOM' },
  'TSPC reviewer': { role: 'reviewer', group: 'TSPC' },
  coordinator: { role: 'coordinator', group: 'IOM' },
} as const satisfies Record<string, { role: Role; group: GroupCode }>;
export type Persona = keyof typeof PERSONAS;

export const TABLE_SECTIONS = {
  'a regional module': { id: 'regional-1', part: 1, group: null },
  'the Kazakh section': { id: 'national-kz', part: 2, group: 'KZ' },
  'the Uzbek section': { id: 'national-uz', part: 2, group: 'UZ' },
} as const;
export type TableSection = keyof typeof TABLE_SECTIONS;

const ALL = Object.keys(TABLE_SECTIONS) as TableSection[];
const NONE: TableSection[] = [];

interface Rights {
  read: TableSection[];
  edit: TableSection[];
  comment: TableSection[];
  /** Proposing wording as suggestions (#17): reviewers everywhere, a working group where it drafts. */
  suggest: TableSection[];
  /** Accepting someone's suggestion: the group that drafts the section, and coordinators. */
  'accept-suggestion': TableSection[];
  submit: TableSection[];
  decide: TableSection[];
  /** Turning a section's "suggestions only" on and off: the leads who draft it, and coordinators. */
  'set-suggestions-only': TableSection[];
  'list-people': boolean;
  'manage-people': boolean;
  'read-audit': boolean;
  /** Renaming the course, its parts and sections. */
  'manage-structure': boolean;
}

export const RIGHTS: Record<Persona, Rights> = {
  'KZ member': {
    read: ALL,
    edit: ['a regional module', 'the Kazakh section'],
    comment: ALL,
    suggest: ['a regional module', 'the Kazakh section'],
    'accept-suggestion': ['a regional module', 'the Kazakh section'],
    submit: NONE,
    decide: NONE,
    'set-suggestions-only': NONE,
    'list-people': true,
    'manage-people': false,
    'read-audit': false,
    'manage-structure': false,
  },
  'KZ lead': {
    read: ALL,
    edit: ['a regional module', 'the Kazakh section'],
    comment: ALL,
    suggest: ['a regional module', 'the Kazakh section'],
    'accept-suggestion': ['a regional module', 'the Kazakh section'],
    submit: ['a regional module', 'the Kazakh section'],
    decide: NONE,
    'set-suggestions-only': ['a regional module', 'the Kazakh section'],
    'list-people': true,
    'manage-people': false,
    'read-audit': false,
    'manage-structure': false,
  },
  'UZ member': {
    read: ALL,
    edit: ['a regional module', 'the Uzbek section'],
    comment: ALL,
    suggest: ['a regional module', 'the Uzbek section'],
    'accept-suggestion': ['a regional module', 'the Uzbek section'],
    submit: NONE,
    decide: NONE,
    'set-suggestions-only': NONE,
    'list-people': true,
    'manage-people': false,
    'read-audit': false,
    'manage-structure': false,
  },
  'UZ lead': {
    read: ALL,
    edit: ['a regional module', 'the Uzbek section'],
    comment: ALL,
    suggest: ['a regional module', 'the Uzbek section'],
    'accept-suggestion': ['a regional module', 'the Uzbek section'],
    submit: ['a regional module', 'the Uzbek section'],
    decide: NONE,
    'set-suggestions-only': ['a regional module', 'the Uzbek section'],
    'list-people': true,
    'manage-people': false,
    'read-audit': false,
    'manage-structure': false,
  },
  'IOM reviewer': {
    read: ALL,
    edit: NONE,
    comment: ALL,
    suggest: ALL,
    'accept-suggestion': NONE,
    submit: NONE,
    decide: ALL,
    'set-suggestions-only': NONE,
    'list-people': true,
    'manage-people': false,
    'read-audit': false,
    'manage-structure': false,
  },
  'TSPC reviewer': {
    read: ALL,
    edit: NONE,
    comment: ALL,
    suggest: ALL,
    'accept-suggestion': NONE,
    submit: NONE,
    decide: ALL,
    'set-suggestions-only': NONE,
    'list-people': true,
    'manage-people': false,
    'read-audit': false,
    'manage-structure': false,
  },
  coordinator: {
    read: ALL,
    edit: ALL,
    comment: ALL,
    suggest: ALL,
    'accept-suggestion': ALL,
    submit: ALL,
    decide: NONE,
    'set-suggestions-only': ALL,
    'list-people': true,
    'manage-people': true,
    'read-audit': true,
    'manage-structure': true,
  },
};

export type SectionRight =
  | 'read'
  | 'edit'
  | 'comment'
  | 'suggest'
  | 'accept-suggestion'
  | 'submit'
  | 'decide'
  | 'set-suggestions-only';
export type WorkspaceRight = 'list-people' | 'manage-people' | 'read-audit' | 'manage-structure';

/** Every (persona, section right, section) cell with its expected answer. */
export function sectionCells(rights: SectionRight[]) {
  return (Object.keys(PERSONAS) as Persona[]).flatMap((persona) =>
    rights.flatMap((right) =>
      ALL.map((section) => ({ persona, right, section, allowed: RIGHTS[persona][right].includes(section) })),
    ),
  );
}

/**
 * The text levels while a section is in "suggestions only" (#17): whoever edits it suggests
 * instead; nobody else's level changes.
 */
export const SUGGESTIONS_ONLY_LEVEL = 'suggest';

/**
 * Who may suggest on a country's own section when the coordinators let other groups suggest:
 * the members and leads of every working group; the regional modules are drafted by all anyway.
 */
export const OTHER_GROUPS_SUGGEST: Record<Persona, TableSection[]> = {
  'KZ member': ALL,
  'KZ lead': ALL,
  'UZ member': ALL,
  'UZ lead': ALL,
  'IOM reviewer': ALL,
  'TSPC reviewer': ALL,
  coordinator: ALL,
};

export function workspaceCells(rights: WorkspaceRight[]) {
  return (Object.keys(PERSONAS) as Persona[]).flatMap((persona) =>
    rights.map((right) => ({ persona, right, allowed: RIGHTS[persona][right] })),
  );
}
