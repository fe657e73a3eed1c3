/**
 * The one place that decides who may do what. Pure functions of (actor, action, resource):
 * the HTTP routes, the collab upgrade and socket.io room joins on the server ask it, and the
 * client asks the same functions only to hide what would be refused anyway.
 */
import {
  type CountryGroup,
  type GroupCode,
  type Role,
  isCountryGroup,
  isReviewOrganisation,
} from './workspace';

export interface Actor {
  id: number;
  role: Role;
  group: GroupCode;
  active: boolean;
}

export interface SectionRef {
  id: string;
  part: 1 | 2;
  group: CountryGroup | null;
  /**
   * "Suggestions only" (#17), set by the section's lead or a coordinator while it is in review:
   * everyone who may edit it suggests instead. Absent means off.
   */
  suggestionsOnly?: boolean;
  /**
   * The coordinators' workspace setting as it applies to this section: whether members and leads
   * of the other working groups may suggest on a country's own section. Absent means off (the
   * default). The server's section records carry it, so every caller of the policy has it.
   */
  otherGroupsSuggest?: boolean;
}

export interface CommentRef {
  authorId: number;
  section: SectionRef;
}

export const SECTION_ACTIONS = [
  'read',
  'edit',
  'comment',
  /** Propose wording as suggestions (#17): suggested insertions and deletions, nothing else. */
  'suggest',
  /** Accept someone's suggestion into the text (rejecting one's own is withdrawing it: `suggest`). */
  'accept-suggestion',
  'submit',
  'withdraw',
  'decide',
  'save-version',
  'restore-version',
  'export',
  /** Turn the section's "suggestions only" on or off (#17). */
  'set-suggestions-only',
  /**
   * Bring a Word file into the section's text (#18): whoever may edit the text directly, and only
   * while they may (not in "suggestions only": an import writes text, not suggestions).
   */
  'import',
] as const;
export type SectionAction = (typeof SECTION_ACTIONS)[number];

export const WORKSPACE_ACTIONS = [
  'read-workspace',
  'list-people',
  'manage-people',
  'manage-structure',
  'set-deadline',
  'read-audit',
  'export-master',
] as const;
export type WorkspaceAction = (typeof WORKSPACE_ACTIONS)[number];

export const COMMENT_ACTIONS = ['edit-comment', 'delete-comment', 'resolve-comment'] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

/** A working group drafts the regional modules together and its own country section alone. */
function draftsSection(actor: Actor, section: SectionRef): boolean {
  if (!isCountryGroup(actor.group)) return false;
  return section.group === null || section.group === actor.group;
}

type SectionRule = (actor: Actor, section: SectionRef) => boolean;

const anyone: SectionRule = () => true;
const nobody: SectionRule = () => false;

/**
 * Members and leads suggest wherever they draft (they may switch themselves to suggesting), and on
 * other countries' sections only if the coordinators' setting allows it (`otherGroupsSuggest`).
 */
const suggestsAsGroup: SectionRule = (actor, section) =>
  draftsSection(actor, section) || (section.otherGroupsSuggest === true && isCountryGroup(actor.group));

/**
 * A rule that changes the text directly holds only while the section is not in "suggestions only":
 * then whoever it allows suggests instead (they all may suggest where they may edit).
 */
const unlessSuggestionsOnly =
  (rule: SectionRule): SectionRule =>
  (actor, section) =>
    section.suggestionsOnly !== true && rule(actor, section);

const draftsDirectly = unlessSuggestionsOnly(draftsSection);
const anyoneDirectly = unlessSuggestionsOnly(anyone);

const SECTION_RULES: Record<Role, Record<SectionAction, SectionRule>> = {
  member: {
    read: anyone,
    edit: draftsDirectly,
    comment: anyone,
    suggest: suggestsAsGroup,
    'accept-suggestion': draftsSection,
    submit: nobody,
    withdraw: nobody,
    decide: nobody,
    'save-version': draftsSection,
    'restore-version': draftsDirectly,
    export: anyone,
    'set-suggestions-only': nobody,
    import: draftsDirectly,
  },
  lead: {
    read: anyone,
    edit: draftsDirectly,
    comment: anyone,
    suggest: suggestsAsGroup,
    'accept-suggestion': draftsSection,
    submit: draftsSection,
    withdraw: draftsSection,
    decide: nobody,
    'save-version': draftsSection,
    'restore-version': draftsDirectly,
    export: anyone,
    // The lead puts the text their group drafts in review under suggestions only.
    'set-suggestions-only': draftsSection,
    import: draftsDirectly,
  },
  reviewer: {
    read: anyone,
    edit: nobody,
    comment: anyone,
    // Reviewers propose wording everywhere; the group that owns the text keeps the last word.
    suggest: anyone,
    'accept-suggestion': nobody,
    submit: nobody,
    withdraw: nobody,
    decide: (actor) => isReviewOrganisation(actor.group),
    'save-version': nobody,
    'restore-version': nobody,
    export: anyone,
    'set-suggestions-only': nobody,
    import: nobody,
  },
  coordinator: {
    read: anyone,
    edit: anyoneDirectly,
    comment: anyone,
    // Coordinators edit everywhere, so they may also switch themselves to suggesting everywhere.
    suggest: anyone,
    'accept-suggestion': anyone,
    submit: anyone,
    withdraw: anyone,
    decide: nobody,
    'save-version': anyone,
    'restore-version': anyoneDirectly,
    export: anyone,
    'set-suggestions-only': anyone,
    import: anyoneDirectly,
  },
};

const WORKSPACE_RULES: Record<Role, ReadonlySet<WorkspaceAction>> = {
  member: new Set(['read-workspace', 'list-people', 'export-master']),
  lead: new Set(['read-workspace', 'list-people', 'export-master']),
  reviewer: new Set(['read-workspace', 'list-people', 'export-master']),
  coordinator: new Set(WORKSPACE_ACTIONS),
};

/** May this person do this to this section? Deactivated people may do nothing. */
export function maySection(actor: Actor | null, action: SectionAction, section: SectionRef): boolean {
  if (!actor || !actor.active) return false;
  return SECTION_RULES[actor.role][action](actor, section);
}

/**
 * How a person may work on a section's text over a live connection, most to least. `suggest` is
 * for people who may propose wording but not edit (reviewers; everyone who edits while the section
 * is in "suggestions only"): the collab endpoint takes only
 * suggestions from them (`server/collab/suggestion-rules.ts`). Someone who may edit works at
 * `edit` and switches to suggesting in the editor; the server does not hold them to it.
 * `comment` and `read` both leave the text untouched: comments travel over HTTP.
 */
export const ACCESS_LEVELS = ['edit', 'suggest', 'comment', 'read'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** The access level a person has to a section's text, or null when they may not open it at all. */
export function sectionAccess(actor: Actor | null, section: SectionRef): AccessLevel | null {
  if (!maySection(actor, 'read', section)) return null;
  if (maySection(actor, 'edit', section)) return 'edit';
  if (maySection(actor, 'suggest', section)) return 'suggest';
  if (maySection(actor, 'comment', section)) return 'comment';
  return 'read';
}

/** May this person do this workspace-wide thing? */
export function mayWorkspace(actor: Actor | null, action: WorkspaceAction): boolean {
  if (!actor || !actor.active) return false;
  return WORKSPACE_RULES[actor.role].has(action);
}

/**
 * Comments: whoever may comment on the section may resolve threads there; only the author edits
 * or deletes, except that a coordinator may delete any comment (the route audits it).
 */
export function mayComment(actor: Actor | null, action: CommentAction, comment: CommentRef): boolean {
  if (!maySection(actor, 'comment', comment.section) || !actor) return false;
  switch (action) {
    case 'resolve-comment':
      return true;
    case 'edit-comment':
      return comment.authorId === actor.id;
    case 'delete-comment':
      return comment.authorId === actor.id || actor.role === 'coordinator';
  }
}

/**
 * Which groups a role belongs to: members and leads to a country working group, reviewers and
 * coordinators to IOM or TSPC. The people service refuses any other combination.
 */
export function isValidMembership(role: Role, group: GroupCode): boolean {
  if (role === 'member' || role === 'lead') return isCountryGroup(group);
  return isReviewOrganisation(group);
}

/**
 * The shared glossary (#20): the working groups and coordinators propose terms; the proposer and
 * coordinators edit an entry; reviewers of IOM and TSPC approve it (one approval per
 * organisation, like a section); coordinators delete. Everyone signed in reads it.
 */
export const GLOSSARY_ACTIONS = ['read-glossary', 'propose-term', 'edit-term', 'approve-term', 'delete-term'] as const;
export type GlossaryAction = (typeof GLOSSARY_ACTIONS)[number];

/** What the glossary rules need to know of an entry: who proposed it. */
export interface GlossaryEntryRef {
  proposedBy: number;
}

/** May this person do this to the glossary (`entry` for the rules about one entry)? */
export function mayGlossary(actor: Actor | null, action: GlossaryAction, entry: GlossaryEntryRef | null = null): boolean {
  if (!actor || !actor.active) return false;
  switch (action) {
    case 'read-glossary':
      return true;
    case 'propose-term':
      return actor.role !== 'reviewer';
    case 'edit-term':
      return actor.role === 'coordinator' || (entry !== null && entry.proposedBy === actor.id);
    case 'approve-term':
      return actor.role === 'reviewer' && isReviewOrganisation(actor.group);
    case 'delete-term':
      return actor.role === 'coordinator';
  }
}
