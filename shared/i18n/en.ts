/**
 * English messages. The keys here are the catalogue; every other language must translate all of
 * them. Features keep their messages in files of their own (`*.en.ts` beside `*.ru.ts`), merged here.
 */
import { notificationsEn } from './notifications.en';
import { pagesEn } from './pages.en';
import { sectionEn } from './section.en';
import { structureEn } from './structure.en';
import { searchEn } from './search.en';
import { sessionAndEditorEn } from './session-and-editor.en';
import { diffEn } from './diff.en';
import { connectionEn } from './connection.en';
import { offlineEn } from './offline.en';
import { appUpdateEn } from './app-update.en';
import { sessionDialogEn } from './session-dialog.en';
import { suggestionsEn } from './suggestions.en';
import { footnotesEn } from './footnotes.en';
import { referencesEn } from './references.en';
import { importEn } from './import.en';
import { translationsEn } from './translations.en';
import { settingsEn } from './settings.en';
import { glossaryEn } from './glossary.en';
import { glossaryEditorEn } from './glossary-editor.en';
import { curriculumEn } from './curriculum.en';
import { curriculumPagesEn } from './curriculum-pages.en';
import { exportsLanguagesEn } from './exports-languages.en';

const coreEn = {
  'app.title': 'Syllabus workspace',
  'app.course': 'International Migration Law and Return Migration',
  'app.skipToContent': 'Skip to content',
  'app.loading': 'Loading…',
  'app.error.generic': 'Something went wrong. Please try again.',
  'app.error.network': 'The server cannot be reached. Check your connection.',
  'app.notFound': 'This page does not exist.',
  'app.backToWorkspace': 'Back to the workspace',
  'app.retry': 'Try again',

  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.ru': 'Русский',

  'nav.workspace': 'Workspace',
  'nav.people': 'People',
  'nav.audit': 'Audit log',
  'nav.signOut': 'Sign out',
  'nav.main': 'Main navigation',
  'nav.breadcrumb': 'Breadcrumb',

  'signIn.title': 'Sign in',
  'signIn.intro': 'Working groups, reviewers and coordinators of the regional syllabus sign in here.',
  'signIn.email': 'E-mail',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.failed': 'The e-mail or password is not correct.',
  'signIn.missing': 'Enter your e-mail and password.',
  'signIn.throttled': 'Too many attempts. Try again in {seconds} seconds.',

  'role.member': 'Working-group member',
  'role.lead': 'Working-group lead',
  'role.reviewer': 'Reviewer',
  'role.coordinator': 'Coordinator',

  'group.KZ': 'Kazakhstan',
  'group.KG': 'Kyrgyzstan',
  'group.TJ': 'Tajikistan',
  'group.TM': 'Turkmenistan',
  'group.UZ': 'Uzbekistan',
  'group.IOM': 'IOM',
  'group.TSPC': 'TSPC',

  'workspace.title': 'Regional syllabus',
  'workspace.part1': 'Part 1 — Unified theoretical framework',
  'workspace.part2': 'Part 2 — National legal norms',
  'workspace.regional': 'All working groups',
  'workspace.youCanEdit': 'You can edit',
  'workspace.readOnly': 'Read only',
  'workspace.signedInAs': 'Signed in as {name} ({role}, {group})',

  'status.draft': 'Draft',
  'status.in_review': 'In review',
  'status.changes_requested': 'Changes requested',
  'status.approved': 'Approved',

  'section.owner': 'Drafted by: {group}',
  'section.module': 'Module {position}',
  'section.notFound': 'This section does not exist.',
  'section.readOnlyNotice': 'You can read this section but not edit it: {reason}',
  'section.readOnly.reviewer': 'reviewers comment and decide, they do not change the text.',
  'section.readOnly.otherGroup': 'only the {group} working group and coordinators edit this section.',
  'section.readOnly.generic': 'you do not have edit rights here.',
  'section.editor': 'Section text',

  'presence.title': 'In this section',
  'presence.you': '{name} (you)',
  'presence.alone': 'Only you are here.',

  'connection.connected': 'Connected — changes are saved',
  'connection.connectedReadOnly': 'Connected — you see changes as they are made',
  'connection.connecting': 'Connecting…',
  'connection.reconnecting': 'Reconnecting…',
  'connection.offline': 'Offline',
  'connection.offlineUnsynced': 'Offline — your changes are kept and will be sent when the connection returns',
  'connection.syncing': 'Sending your changes…',
  'connection.closed': 'Disconnected: {reason}',
  'connection.reason.unauthenticated': 'your session has ended. Please sign in again.',
  'connection.reason.forbidden': 'you no longer have access to this section.',
  'connection.reason.malformed': 'the server could not read a message from this browser.',
  'connection.reason.refused': 'the server refused a change from this browser. Your text is kept here; copy what you need, then reload the page.',
  'connection.reason.tooLarge': 'your last change is too large to send in one piece. It is still on this page: copy the text you need, reload the page, and paste it in smaller parts.',
  'connection.reason.other': 'the server ended the connection.',

  'toolbar.label': 'Formatting',
  'toolbar.paragraph': 'Paragraph',
  'toolbar.heading1': 'Heading 1',
  'toolbar.heading2': 'Heading 2',
  'toolbar.heading3': 'Heading 3',
  'toolbar.bold': 'Bold',
  'toolbar.italic': 'Italic',
  'toolbar.underline': 'Underline',
  'toolbar.strike': 'Strikethrough',
  'toolbar.subscript': 'Subscript',
  'toolbar.superscript': 'Superscript',
  'toolbar.link': 'Link',
  'toolbar.linkPrompt': 'Link address (http, https or mailto)',
  'toolbar.linkInvalid': 'Only http, https and mailto links are allowed.',
  'toolbar.linkApply': 'Apply',
  'toolbar.linkRemove': 'Remove link',
  'toolbar.linkCancel': 'Cancel',
  'toolbar.bulletList': 'Bulleted list',
  'toolbar.orderedList': 'Numbered list',
  'toolbar.blockquote': 'Quote',
  'toolbar.table': 'Insert table',
  'toolbar.addRow': 'Add row',
  'toolbar.addColumn': 'Add column',
  'toolbar.deleteRow': 'Delete row',
  'toolbar.deleteColumn': 'Delete column',
  'toolbar.deleteTable': 'Delete table',
  'toolbar.undo': 'Undo',
  'toolbar.redo': 'Redo',
  'toolbar.hardBreak': 'Line break',
} as const;

export const en = { ...coreEn, ...sectionEn, ...pagesEn, ...notificationsEn, ...structureEn, ...searchEn, ...diffEn, ...sessionAndEditorEn, ...connectionEn, ...offlineEn, ...appUpdateEn, ...sessionDialogEn, ...suggestionsEn, ...footnotesEn, ...referencesEn, ...importEn, ...translationsEn, ...settingsEn, ...glossaryEditorEn, ...glossaryEn, ...curriculumEn, ...curriculumPagesEn, ...exportsLanguagesEn };

export type MessageKey = keyof typeof en;
