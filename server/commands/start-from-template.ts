/**
 * Starting a national section from the common template (#20): the template's headings the section
 * lacks are written at the end of its text — each a level-2 heading tied to its key (`template`
 * attribute), worded in the workspace's source language, with an empty paragraph under it to
 * write in — in place of an empty section's one empty paragraph.
 *
 * Not one transaction with the audit row, on purpose (as an import or a restore): the text is
 * stored and broadcast to everyone editing the moment it is written (`SectionStore.change`), and a
 * rollback after that would take back a change people have already seen.
 */
import { Fragment, type Node as ProseMirrorNode } from 'prosemirror-model';
import { initProseMirrorDoc, updateYFragment } from 'y-prosemirror';
import type { TemplateHeading } from '../../shared/api/settings';
import type { TemplateStarted } from '../../shared/api/sections';
import { templateConformance } from '../../shared/curriculum';
import type { LanguageCode } from '../../shared/languages';
import { CONTENT_FRAGMENT, isEmptySectionText, schema } from '../../shared/schema';
import { jsonWithoutSuggestions } from '../../shared/suggestions';
import { templateStateOf } from '../domain/dashboard';
import { DomainError } from '../domain/errors';
import type { PersonRecord } from '../domain/people';
import type { SectionStore } from '../domain/section-store';
import type { Section } from '../domain/sections';
import type { CommandContext } from './context';
import { inTransaction } from './transaction';

export type TemplateCommandContext = Pick<CommandContext, 'db' | 'events' | 'audit' | 'content' | 'settings'> & { store: SectionStore };

/**
 * The words of a template heading as the section's text is written: the template is worded in
 * English and Russian, and a section written in a national language starts from the Russian, the
 * working groups' lingua franca.
 */
export const templateTitleIn = (heading: TemplateHeading, source: LanguageCode): string => (source === 'en' ? heading.title.en : heading.title.ru);

export function startFromTemplate(context: TemplateCommandContext, section: Section, actor: PersonRecord): TemplateStarted {
  if (section.part !== 2) {
    throw new DomainError(400, 'only a national (Part 2) section follows the national template', 'not-national');
  }
  const template = context.settings.nationalTemplate();
  const source = context.settings.languages().source;
  let added: string[] = [];
  context.store.change(section.id, actor.id, (doc) => {
    const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
    const { doc: current, meta } = initProseMirrorDoc(fragment, schema);
    // Read here, inside the change, so that headings typed a moment ago are not added twice. A
    // heading someone only suggested is no heading yet: the settled text decides, as it does for
    // the dashboard.
    const settled = schema.nodeFromJSON(jsonWithoutSuggestions(current.toJSON() as Record<string, unknown>));
    const missing = new Set(templateConformance(template, settled).missing);
    const headings = template.filter((heading) => missing.has(heading.key));
    added = headings.map((heading) => heading.key);
    if (headings.length === 0) return;
    const target = schema.node('doc', null, (isEmptySectionText(current) ? Fragment.empty : current.content).append(Fragment.from(blocksFor(headings, source))));
    target.check();
    updateYFragment(doc, fragment, target, meta);
  });
  context.content.invalidate(section.id);
  if (added.length > 0) {
    inTransaction(context, () => {
      context.audit.record({ actorId: actor.id, action: 'section.template-started', target: `section:${section.id}`, detail: { added } });
    });
  }
  return { added: added.length, template: templateStateOf(context.content, template, section)! };
}

/** Each heading and the empty paragraph under it, where the group writes that part. */
function blocksFor(headings: readonly TemplateHeading[], source: LanguageCode): ProseMirrorNode[] {
  return headings.flatMap((heading) => [
    schema.nodes.heading.create({ level: 2, template: heading.key }, schema.text(templateTitleIn(heading, source))),
    schema.nodes.paragraph.create(),
  ]);
}
