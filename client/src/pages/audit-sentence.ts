/**
 * An audit entry as a sentence in the interface's language: "Anna Keller changed Aigerim’s group
 * to Uzbekistan." People are named, sections by their title, groups, roles and organisations by
 * their names; an action this page has no words for yet still reads as a sentence.
 */
import type { AuditEntry } from '../../../shared/api';
import type { MessageKey } from '../../../shared/i18n';
import { GROUPS, ROLES, type GroupCode, type Role } from '../../../shared/workspace';
import { t } from '../i18n';
import { type WorkspaceTitles, sectionTitle } from './dashboard-titles';
import { calendarDay } from './format';

const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);
const isGroup = (value: unknown): value is GroupCode => (GROUPS as readonly unknown[]).includes(value);

const roleName = (value: unknown) => (isRole(value) ? t(`role.${value}`) : String(value ?? ''));
const groupName = (value: unknown) => (isGroup(value) ? t(`group.${value}`) : String(value ?? ''));
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Sentences of the actions that are always the same words. */
const SIMPLE: Record<string, MessageKey> = {
  'sign-in.succeeded': 'auditLog.sign-in.succeeded',
  'sign-out': 'auditLog.sign-out',
  'person.password-set': 'auditLog.person.password-set',
  'invitation.accepted': 'auditLog.invitation.accepted',
  'section.submitted': 'auditLog.section.submitted',
  'section.withdrawn': 'auditLog.section.withdrawn',
  'section.imported': 'auditLog.section.imported',
  'section.template-started': 'auditLog.section.template-started',
  'version.restored': 'auditLog.version.restored',
  'suggestion.accepted': 'auditLog.suggestion.accepted',
  'suggestion.rejected': 'auditLog.suggestion.rejected',
};

export function auditSentence(entry: AuditEntry, titles: WorkspaceTitles | null): string {
  const sentence = describe(entry, titles);
  // "a former participant signed in." starts with its actor: the sentence starts with a capital.
  return sentence.charAt(0).toLocaleUpperCase() + sentence.slice(1);
}

function describe(entry: AuditEntry, titles: WorkspaceTitles | null): string {
  const detail = entry.detail ?? {};
  const actor = entry.actorName ?? (entry.actorId === null ? t('auditLog.system') : t('auditLog.formerPerson'));
  const section = (id: string) => t('auditLog.section', { title: sectionTitle(titles, id, id) });
  const sectionId = entry.target?.startsWith('section:') ? entry.target.slice('section:'.length) : null;
  const target = entry.targetName ?? (sectionId ? section(sectionId) : t('auditLog.formerPerson'));
  const say = (key: MessageKey, params: Record<string, string | number> = {}) => t(key, { actor, target, ...params });

  const simple = SIMPLE[entry.action];
  if (simple) return say(simple);
  switch (entry.action) {
    case 'section.suggestions-only':
      return say(detail.suggestionsOnly === true ? 'auditLog.section.suggestions-only.on' : 'auditLog.section.suggestions-only.off');
    case 'sign-in.failed':
      return say('auditLog.sign-in.failed', { email: text(detail.email) });
    case 'denied':
      if (sectionId) return say('auditLog.denied.section');
      if (entry.target?.startsWith('glossary')) return say('auditLog.denied.glossary');
      return say(entry.actorId === null ? 'auditLog.denied.other' : 'auditLog.denied.workspace');
    case 'person.added':
    case 'invitation.created':
      return say(entry.action === 'person.added' ? 'auditLog.person.added' : 'auditLog.invitation.created', {
        email: text(detail.email),
        role: roleName(detail.role),
        group: groupName(detail.group),
      });
    case 'person.changed':
      return personChanged(detail, say);
    case 'section.approved':
    case 'section.changes-requested':
      return say(`auditLog.${entry.action}`, { organisation: groupName(detail.organisation) });
    case 'settings.changed':
      return settingsChanged(detail, say);
    case 'comment.deleted-by-coordinator':
      return say('auditLog.comment.deleted', { target: section(text(detail.sectionId)) });
    case 'export':
      return say('auditLog.export', {
        target: sectionId ? target : t('auditLog.master'),
        format: text(detail.format).toUpperCase() === 'MD' ? 'Markdown' : text(detail.format).toUpperCase(),
      });
    case 'glossary.proposed':
      return say('auditLog.glossary.proposed', { term: text(detail.term) });
    case 'glossary.edited':
      return say('auditLog.glossary.edited', { term: text(detail.term) });
    case 'glossary.deleted':
      return say('auditLog.glossary.deleted', { term: text(detail.term) });
    case 'glossary.approved':
      return say('auditLog.glossary.approved', { term: text(detail.term), organisation: groupName(detail.organisation) });
    case 'structure.renamed':
      return renamed(entry.target ?? '', detail, say);
    default:
      return say('auditLog.generic', { action: entry.action });
  }
}

type Say = (key: MessageKey, params?: Record<string, string | number>) => string;

/** One sentence per thing that changed: a role (with the group it came with), a group, a name, the account. */
function personChanged(detail: Record<string, unknown>, say: Say): string {
  const sentences: string[] = [];
  if (detail.role !== undefined) sentences.push(say('auditLog.person.role', { role: roleName(detail.role), group: groupName(detail.group) }));
  else if (detail.group !== undefined) sentences.push(say('auditLog.person.group', { group: groupName(detail.group) }));
  if (detail.name !== undefined) sentences.push(say('auditLog.person.name', { name: text(detail.name) }));
  if (detail.active === false) sentences.push(say('auditLog.person.deactivated'));
  if (detail.active === true) sentences.push(say('auditLog.person.reactivated'));
  return sentences.length > 0 ? sentences.join(' ') : say('auditLog.generic', { action: 'person.changed' });
}

function settingsChanged(detail: Record<string, unknown>, say: Say): string {
  const sentences: string[] = [];
  if (typeof detail.deadline === 'string') sentences.push(say('auditLog.settings.deadline', { date: calendarDay(detail.deadline) }));
  if (Array.isArray(detail.requiredOrganisations)) {
    sentences.push(say('auditLog.settings.required', { organisations: detail.requiredOrganisations.map(groupName).join(', ') }));
  }
  return sentences.length > 0 ? sentences.join(' ') : say('auditLog.settings.changed');
}

/** "renamed a section: “Return migration …” / «Возвратная миграция …»" — the new titles as given. */
function renamed(target: string, detail: Record<string, unknown>, say: Say): string {
  const titles = [text(detail.en) && `“${text(detail.en)}”`, text(detail.ru) && `«${text(detail.ru)}»`].filter(Boolean).join(' / ');
  if (target === 'course') return say('auditLog.renamed.course', { titles });
  const part = /^part-(\d)$/.exec(target)?.[1];
  if (part) return say('auditLog.renamed.part', { part, titles });
  return say('auditLog.renamed.section', { titles });
}
