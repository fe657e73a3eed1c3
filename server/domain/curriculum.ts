/**
 * The syllabus read as data (#20): the outcomes matrix, the hours of each section and of the
 * course, and the five national sections' texts under one heading of the common template.
 *
 * Every figure is computed from the sections' current settled text (open suggestions left out, as
 * approvals judge it), read through the same `SectionContent` snapshots as the master document and
 * the cross-reference index; the rules themselves live in `shared/curriculum.ts`, so the editor,
 * this service and the exporters count alike. A section's text is parsed once per version of it.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import {
  type HoursTotals,
  type OutcomesMatrix,
  type TemplateConformance,
  courseHours,
  hoursOf,
  outcomesMatrix,
  sectionHours,
  tablesOf,
  templateConformance,
} from '../../shared/curriculum';
import type { TemplateHeading } from '../../shared/api/settings';
import { referenceText, sectionNumberOf } from '../../shared/references';
import { schema } from '../../shared/schema';
import { titleIn } from '../../shared/workspace';
import { DomainError } from './errors';
import type { ContentSnapshot, SectionContent } from './section-content';
import type { Section, Sections } from './sections';
import type { Settings } from './settings';

/** The language section titles are read in. */
export type CurriculumLocale = 'en' | 'ru';

export interface SectionHoursReading {
  section: Section;
  number: string;
  title: string;
  totals: HoursTotals;
  /** How many hours tables the section has, and how many of their cells are not numbers. */
  tables: number;
  errors: number;
}

/** One national section under the compared heading; `blocks` are the top-level blocks below it. */
export interface CountryReading {
  section: Section;
  title: string;
  state: 'filled' | 'empty' | 'missing';
  heading: ProseMirrorNode | null;
  blocks: ProseMirrorNode[];
}

/** Heading words as `templateConformance` compares them: case, spaces and composition do not count. */
const headingWords = (text: string): string => text.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, '');

/**
 * The top-level index of the heading that stands for a template key, by the rule of
 * `templateConformance` (shared/curriculum.ts): the heading tied to the key, or else one tied to
 * no key whose words are the key's English or Russian title. -1 when there is none.
 */
export function templateHeadingIndex(doc: ProseMirrorNode, entry: TemplateHeading): number {
  const blocks: ProseMirrorNode[] = [];
  doc.forEach((block) => blocks.push(block));
  const tied = blocks.findIndex((block) => block.type.name === 'heading' && block.attrs.template === entry.key);
  if (tied >= 0) return tied;
  const titles = [entry.title.en, entry.title.ru].map(headingWords).filter(Boolean);
  return blocks.findIndex((block) => block.type.name === 'heading' && !block.attrs.template && titles.includes(headingWords(referenceText(block))));
}

/** The top-level blocks after the heading at `index`, up to the next heading of its level or higher. */
export function blocksUnder(doc: ProseMirrorNode, index: number): ProseMirrorNode[] {
  const level = Number(doc.child(index).attrs.level) || 1;
  const blocks: ProseMirrorNode[] = [];
  for (let next = index + 1; next < doc.childCount; next++) {
    const node = doc.child(next);
    if (node.type.name === 'heading' && (Number(node.attrs.level) || 1) <= level) break;
    blocks.push(node);
  }
  return blocks;
}

/** Whether a key of the template is missing, empty or filled in a section, as the dashboard counts it. */
function stateOf(conformance: TemplateConformance): CountryReading['state'] {
  if (conformance.missing.length > 0) return 'missing';
  return conformance.empty.length > 0 ? 'empty' : 'filled';
}

interface Reading {
  snapshot: ContentSnapshot;
  doc: ProseMirrorNode;
}

export class Curriculum {
  private readonly readings = new Map<string, Reading>();

  constructor(private readonly deps: { sections: Sections; content: SectionContent; settings: Settings }) {}

  /** A section's settled text as ProseMirror nodes, parsed once per version of the text. */
  private doc(sectionId: string): ProseMirrorNode {
    const snapshot = this.deps.content.snapshot(sectionId);
    const cached = this.readings.get(sectionId);
    if (cached?.snapshot === snapshot) return cached.doc;
    const doc = schema.nodeFromJSON(snapshot.settled.json);
    this.readings.set(sectionId, { snapshot, doc });
    return doc;
  }

  private place(section: Section, locale: CurriculumLocale) {
    return { id: section.id, part: section.part, position: section.position, title: titleIn(section.titles, locale) };
  }

  /** The outcomes matrix over every section, in master order, module titles in `locale`. */
  matrix(locale: CurriculumLocale = 'en'): OutcomesMatrix {
    return outcomesMatrix(this.deps.sections.list().map((section) => ({ place: this.place(section, locale), doc: this.doc(section.id) })));
  }

  /** Each section's hours (the sum of its hours tables), in master order, and the course's. */
  hours(locale: CurriculumLocale = 'en'): { sections: SectionHoursReading[]; course: HoursTotals } {
    const list = this.deps.sections.list();
    const sections = list.map((section) => {
      const doc = this.doc(section.id);
      const tables = tablesOf(doc, 'hours');
      const errors = tables.reduce((sum, table) => sum + hoursOf(table).rows.reduce((cells, row) => cells + row.errors.length, 0), 0);
      const totals = sectionHours(doc);
      return { section, number: sectionNumberOf(section), title: titleIn(section.titles, locale), totals, tables: tables.length, errors };
    });
    return { sections, course: courseHours(list.map((section) => this.doc(section.id))) };
  }

  /** The common national template: the coordinators' (`nationalTemplate` setting), or the default. */
  template(): TemplateHeading[] {
    return this.deps.settings.nationalTemplate();
  }

  /**
   * The national sections' texts under the template heading `key`, in master order. A key the
   * template does not have is refused (404), so a stale link says so instead of showing five gaps.
   */
  compare(key: string, locale: CurriculumLocale = 'en'): { heading: TemplateHeading; template: TemplateHeading[]; countries: CountryReading[] } {
    const template = this.template();
    const heading = template.find((candidate) => candidate.key === key);
    if (!heading) throw new DomainError(404, `the national template has no heading "${key}"`, 'unknown-heading');
    const countries = this.deps.sections
      .list()
      .filter((section) => section.part === 2)
      .map((section): CountryReading => {
        const doc = this.doc(section.id);
        const title = titleIn(section.titles, locale);
        const state = stateOf(templateConformance([heading], doc));
        if (state === 'missing') return { section, title, state, heading: null, blocks: [] };
        const index = templateHeadingIndex(doc, heading);
        return { section, title, state, heading: doc.child(index), blocks: state === 'filled' ? blocksUnder(doc, index) : [] };
      });
    return { heading, template, countries };
  }
}
