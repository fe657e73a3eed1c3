/**
 * The syllabus read as data, as the client sees it (#20). The compared texts are written as HTML
 * here, by the exporters' own HTML writer: one handler per node of the shared schema, text escaped,
 * links written only for safe targets; so the page can place them without a sanitiser of its own.
 */
import type {
  Comparison,
  CountryText,
  CourseHours,
  HoursTotals,
  MatrixRow,
  OutcomeFlag,
  OutcomesMatrix,
} from '../../../shared/api/curriculum';
import type { TemplateHeading } from '../../../shared/api/settings';
import type { OutcomesMatrix as DomainMatrix } from '../../../shared/curriculum';
import type { CountryReading, Curriculum, SectionHoursReading } from '../../domain/curriculum';
import { renderNode } from '../../exports/html/html-content';

type DomainComparison = ReturnType<Curriculum['compare']>;

const FLAGS: readonly OutcomeFlag[] = ['not-taught', 'not-assessed'];

function presentTotals(totals: HoursTotals): HoursTotals {
  return { lecture: totals.lecture, seminar: totals.seminar, practice: totals.practice, selfStudy: totals.selfStudy, total: totals.total };
}

export function presentMatrix(matrix: DomainMatrix): OutcomesMatrix {
  return {
    modules: matrix.modules.map((module) => ({ id: module.section, number: module.number, title: module.title })),
    rows: matrix.rows.map(
      (row): MatrixRow => ({
        outcome: { section: row.outcome.section, target: row.outcome.id, number: row.outcome.number, text: row.outcome.text },
        taughtBy: [...row.taughtBy],
        assessedBy: row.assessedBy.map((use) => ({ section: use.section, item: use.item })),
        flags: FLAGS.filter((flag) => row.flags.includes(flag)),
      }),
    ),
  };
}

function presentSectionHours(reading: SectionHoursReading) {
  return {
    section: reading.section.id,
    number: reading.number,
    title: reading.title,
    totals: presentTotals(reading.totals),
    tables: reading.tables,
    errors: reading.errors,
  };
}

export function presentHours(hours: { sections: SectionHoursReading[]; course: HoursTotals }): CourseHours {
  return { sections: hours.sections.map(presentSectionHours), course: presentTotals(hours.course) };
}

function presentHeading(heading: TemplateHeading): TemplateHeading {
  return { key: heading.key, title: { en: heading.title.en, ru: heading.title.ru } };
}

/** Headings under the compared one sit below the page's country title (h3): base 3 makes them h4–h6. */
const BLOCK_HEADING_BASE = 3;

function presentCountry(country: CountryReading): CountryText {
  const id = country.heading?.attrs.id;
  return {
    section: country.section.id,
    group: country.section.group ?? '',
    title: country.title,
    state: country.state,
    heading: country.heading ? country.heading.textContent : null,
    target: typeof id === 'string' && id ? id : null,
    html: country.blocks.map((block) => renderNode(block, { base: BLOCK_HEADING_BASE })).join(''),
  };
}

export function presentComparison(comparison: DomainComparison): Comparison {
  return {
    heading: presentHeading(comparison.heading),
    template: comparison.template.map(presentHeading),
    countries: comparison.countries.map(presentCountry),
  };
}
