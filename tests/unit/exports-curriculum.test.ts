/**
 * The syllabus data in exported files (#20): learning outcomes with their numbers, hours and
 * assessment tables with computed totals and warnings, glossary terms linked to the glossary
 * appendix, and the three appendices (glossary, outcomes matrix, course hours) built in the
 * export's language. The glossary's terms in every script are read back from `word/document.xml`
 * and, with poppler's pdftotext, from the PDF.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import type { Node } from 'prosemirror-model';
import { readDocument } from '../../shared/document-repair';
import { schema } from '../../shared/schema';
import { buildAppendices } from '../../server/exports/appendices/appendices';
import { CurriculumAppendices } from '../../server/exports/appendices/appendix-source';
import type { GlossaryAppendixEntry } from '../../server/exports/appendices/glossary';
import { GlossaryAnchors, curriculumTable, sectionDoc } from '../../server/exports/content';
import { CrossReferences } from '../../server/exports/cross-references';
import { renderDocx } from '../../server/exports/docx/docx';
import { ListInstances, renderBlock as renderDocxBlock } from '../../server/exports/docx/docx-content';
import { FootnoteNumbering } from '../../server/exports/footnotes';
import { renderHtml } from '../../server/exports/html/html';
import { renderNode } from '../../server/exports/html/html-content';
import { labelsFor } from '../../server/exports/labels';
import { renderMarkdown } from '../../server/exports/markdown/markdown';
import { contentSerializer } from '../../server/exports/markdown/markdown-serializer';
import { MemoryMasterSource } from '../../server/exports/memory-source';
import type { MasterDocument, RenderOptions } from '../../server/exports/model';
import { renderPdf } from '../../server/exports/pdf/pdf';

const OPTIONS: RenderOptions = { state: 'current', includeComments: false, includeApprovalRecord: false, locale: 'en' };

/** One entry with its term in all seven languages: Cyrillic of four countries, two Latin alphabets. */
const ENTRY: GlossaryAppendixEntry = {
  id: 'rdmssn0001',
  terms: {
    ru: 'Реадмиссия',
    en: 'Readmission',
    kk: 'Кері қабылдау: әділ, ғылым, қызмет, ң, өңір, ұлттық, үкімет, һәм, іс',
    ky: 'Кайра кабыл алуу: өлкө, үкүмөт, ң',
    tg: 'Қабули бозгашт: ғ, ӣ, қ, ӯ, ҳуҷҷат',
    tk: 'Yzyna kabul etmek: ç ä ž ň ö ş ü ý',
    uz: 'Qayta qabul qilish: oʻzbek, gʻoya',
  },
  definition: 'The acceptance by a State of the return of its own nationals (IOM Glossary on Migration, 2019).',
  source: 'Agreement between the EU and the Republic of Kazakhstan, ǵ',
  status: 'approved',
  proposedBy: { name: 'Aigerim Bekova' },
};
const TERMS = Object.values(ENTRY.terms) as string[];
/** The letters the brief names, Cyrillic and Latin, that a face without them would drop. */
const SPECIAL_LETTERS = 'ә ғ қ ң ө ұ ү һ і ӣ ӯ ҳ ҷ ž ş ň ý ä ç ğ ı ö ü ǵ oʻ gʻ';

const text = (value: string, marks?: unknown[]) => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: unknown[]) => ({ type: 'paragraph', content });
const cell = (type: 'table_header' | 'table_cell', ...content: unknown[]) => ({ type, content: [paragraph(...content)] });
const row = (type: 'table_header' | 'table_cell', ...cells: (string | unknown[])[]) => ({
  type: 'table_row',
  content: cells.map((value) => (typeof value === 'string' ? cell(type, ...(value ? [text(value)] : [])) : cell(type, ...value))),
});
const reference = (target: string, label: string) => ({ type: 'cross_reference', attrs: { section: 'regional-1', target, label } });

/**
 * A module's text: two outcomes, a term linked to the glossary, an hours table (one cell not a
 * number) and an assessment table whose weights total 90 % and that checks only the first outcome.
 */
function moduleJSON() {
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 1, id: 'outcomes' }, content: [text('Learning outcomes')] },
      { type: 'learning_outcome', attrs: { id: 'lo1' }, content: [text('Explain readmission agreements')] },
      { type: 'learning_outcome', attrs: { id: 'lo2' }, content: [text('Describe reintegration support')] },
      paragraph(text('Every country signed a '), text('readmission', [{ type: 'glossary_term', attrs: { entry: ENTRY.id } }]), text(' agreement.')),
      {
        type: 'table',
        attrs: { kind: 'hours' },
        content: [
          row('table_header', 'Topic', 'Lecture', 'Seminar', 'Practice', 'Self-study'),
          row('table_cell', 'Readmission', '4', '2', '1,5', '6'),
          row('table_cell', 'Return', '2', '', '0.5', 'some'),
        ],
      },
      {
        type: 'table',
        attrs: { kind: 'assessment' },
        content: [
          row('table_header', 'Item', 'Weight', 'Outcomes'),
          row('table_cell', 'Written exam', '60', [reference('lo1', 'LO 1.1')]),
          row('table_cell', 'Essay', '30 %', [reference('lo1', 'LO 1.1')]),
        ],
      },
    ],
  };
}

const master = (locale: 'en' | 'ru' = 'en') =>
  MemoryMasterSource.forOutline((outline) => ({
    current: outline.id === 'regional-1' ? moduleJSON() : { type: 'doc', content: [paragraph(text(`Text of ${outline.id}`))] },
  })).load('current', ['regional-1', 'regional-2'], locale);

/** The master with its three appendices, as the source will build it once it is wired. */
function withAppendices(document: MasterDocument, locale: 'en' | 'ru' = 'en'): MasterDocument {
  return { ...document, appendices: buildAppendices(document, { glossary: [ENTRY], outcomesMatrix: true, courseHours: true }, locale) };
}

const unzip = (buffer: Buffer | Uint8Array): Record<string, string> =>
  Object.fromEntries(Object.entries(unzipSync(new Uint8Array(buffer))).map(([name, data]) => [name, strFromU8(data)]));
/** The words of Word's XML: every run's text joined, paragraphs on lines. */
const wordText = (xml: string) =>
  [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('\n');
const squash = (value: string) => value.replace(/\s+/g, ' ').trim();
const xmlUnescape = (value: string) => value.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exports-curriculum-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function pdftotext(pdf: Buffer): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('hours and assessment tables in a file', () => {
  const doc = sectionDoc({ content: moduleJSON(), part: 1, position: 1 });
  const tables: Node[] = [];
  doc.forEach((node) => node.type.name === 'table' && tables.push(node));
  const rowsOf = (table: Node) => {
    const rows: string[][] = [];
    table.forEach((r) => {
      const cells: string[] = [];
      r.forEach((c) => cells.push(c.textContent));
      rows.push(cells);
    });
    return rows;
  };

  it('adds the hours by kind and all together in a totals row, and names the row whose hours are not numbers', () => {
    const shown = curriculumTable(tables[0], 'en');
    expect(rowsOf(shown.table).at(-1)).toEqual(['Total: 16 h', '6', '2', '2', '6']);
    expect(shown.notes.map((note) => note.textContent)).toEqual(['Warning: some hours are not numbers (counted as 0) for: Return.']);
  });

  it('sums the weights and warns when they do not total 100 %, in the export’s language', () => {
    const en = curriculumTable(tables[1], 'en');
    expect(rowsOf(en.table).at(-1)).toEqual(['Total', '90 %', '']);
    expect(en.notes.map((note) => note.textContent)).toEqual(['Warning: the weights total 90 %, not 100 %.']);
    const ru = curriculumTable(tables[1], 'ru');
    expect(rowsOf(ru.table).at(-1)).toEqual(['Итого', '90 %', '']);
    expect(ru.notes[0].textContent).toBe('Внимание: сумма весов 90 %, а не 100 %.');
  });

  it('warns about nothing once the weights total 100 % and every item checks an outcome', () => {
    const json = moduleJSON();
    const assessment = json.content[5] as { content: { content: { content: { content: { text?: string }[] }[] }[] }[] };
    assessment.content[2].content[1].content[0].content[0].text = '40';
    const fixed = sectionDoc({ content: json }).child(5);
    const shown = curriculumTable(fixed, 'en');
    expect(shown.notes).toEqual([]);
    expect(rowsOf(shown.table).at(-1)).toEqual(['Total', '100 %', '']);
  });

  it('leaves an ordinary table as it is', () => {
    const plain = schema.nodes.table.create(null, tables[0].content);
    expect(curriculumTable(plain, 'en')).toEqual({ table: plain, notes: [] });
  });
});

describe('the appendices', () => {
  const document = master();
  const [glossary, matrix, hours] = buildAppendices(document, { glossary: [ENTRY], outcomesMatrix: true, courseHours: true }, 'en');
  const textOf = (content: Record<string, unknown>) => readDocument(content).textBetween(0, readDocument(content).content.size, '\n', ' ');

  it('are lettered in order, titled in the export’s language', () => {
    expect([glossary.key, matrix.key, hours.key]).toEqual(['glossary', 'outcomes-matrix', 'course-hours']);
    expect(glossary.title).toBe('Appendix A. Glossary');
    expect(buildAppendices(document, { outcomesMatrix: true }, 'ru').map((a) => a.title)).toEqual(['Приложение A. Матрица результатов обучения']);
  });

  it('holds the glossary entry in every language and script, with its definition, source, status and proposer', () => {
    const words = textOf(glossary.content);
    for (const term of TERMS) expect(words).toContain(term);
    for (const value of [ENTRY.definition, ENTRY.source, 'Approved', 'Aigerim Bekova', 'Kazakh', 'Turkmen']) expect(words).toContain(value);
    // The entry's heading carries its id: that is where the exports link its terms.
    expect(GlossaryAnchors.of({ appendices: [glossary] }).entries).toEqual(new Set([ENTRY.id]));
  });

  it('lists the outcomes against the modules and flags the one no assessment checks', () => {
    const words = textOf(matrix.content);
    expect(words).toContain('LO 1.1 — Explain readmission agreements');
    expect(words).toContain('1.1 Written exam; 1.1 Essay');
    expect(words).toMatch(/Outcomes to look at\nLO 1\.2 — Describe reintegration support: no assessment checks it/);
    expect(words).not.toMatch(/LO 1\.1 — Explain readmission agreements: /);
  });

  it('totals the course hours per section and for the course', () => {
    const words = textOf(hours.content);
    expect(words).toContain('Section total\n6\n2\n2\n6\n16');
    expect(words).toContain('Course total\n6\n2\n2\n6\n16');
  });

  it('say so when there is nothing to show', () => {
    const empty = MemoryMasterSource.forOutline(() => ({ current: { type: 'doc', content: [paragraph(text('Nothing yet'))] } })).load('current');
    const built = buildAppendices(empty, { glossary: [], outcomesMatrix: true, courseHours: true }, 'en');
    // The glossary was asked for: the file says it is empty rather than leaving it out unexplained.
    expect(built.map((appendix) => textOf(appendix.content))).toEqual([
      'The glossary has no entries yet.',
      'No section defines a learning outcome yet.',
      'No section has an hours table yet.',
    ]);
  });
});

describe('the master source’s appendix builder', () => {
  const glossary = { list: () => [{ id: ENTRY.id, terms: ENTRY.terms, definition: ENTRY.definition, source: ENTRY.source, proposedBy: 7, approved: false }] };
  const people = { find: (id: number) => (id === 7 ? { name: 'Farida Nazarova' } : null) };
  const builder = new CurriculumAppendices({ glossary, people });
  const sections = master().sections;
  const words = (content: Record<string, unknown>) => readDocument(content).textContent;

  it('reads the glossary service, naming the proposer and the entry’s status, in the document’s language', () => {
    const [appendix] = builder.build({ glossary: true, matrix: false }, { language: 'ru', sections });
    expect(appendix.title).toBe('Приложение A. Глоссарий');
    expect(words(appendix.content)).toContain('Предложил(а): Farida Nazarova');
    expect(words(appendix.content)).toContain('Статус: Предложен, ещё не утверждён');
    // A national language's file heads each entry with that language's term.
    const [kazakh] = builder.build({ glossary: true, matrix: false }, { language: 'kk', sections });
    expect(readDocument(kazakh.content).firstChild?.textContent).toBe(ENTRY.terms.kk);
  });

  it('builds the matrix and the course hours together, and nothing that was not asked for', () => {
    expect(builder.build({ glossary: false, matrix: true }, { language: 'en', sections }).map((a) => a.key)).toEqual(['outcomes-matrix', 'course-hours']);
    expect(builder.build({ glossary: false, matrix: false }, { language: 'en', sections })).toEqual([]);
  });
});

describe('the DOCX export of the syllabus data', () => {
  let body: string;
  let words: string;

  beforeAll(async () => {
    body = unzip(await renderDocx(withAppendices(master()), OPTIONS))['word/document.xml'];
    words = xmlUnescape(wordText(body));
  });

  it('holds the glossary entry’s terms in every script, unchanged', () => {
    for (const term of TERMS) expect(words).toContain(term);
    expect(words).toContain(ENTRY.definition);
  });

  it('numbers each learning outcome', () => {
    expect(words).toContain('LO 1.1 — Explain readmission agreements');
    expect(words).toContain('LO 1.2 — Describe reintegration support');
  });

  it('writes the totals rows and the weight warning', () => {
    expect(words).toContain('Total: 16 h');
    expect(words).toContain('Warning: the weights total 90 %, not 100 %.');
  });
});

describe('the PDF export of the syllabus data', () => {
  let words: string;

  beforeAll(async () => {
    const document = withAppendices(master());
    // The brief's letters in a paragraph of their own, so each one is checked, not only the terms.
    document.sections[1] = { ...document.sections[1], content: { type: 'doc', content: [paragraph(text(SPECIAL_LETTERS))] } };
    words = squash(pdftotext(await renderPdf(document, OPTIONS)));
  });

  it('holds the glossary entry’s terms in every script', () => {
    for (const term of TERMS) expect(words).toContain(squash(term));
  });

  it('draws every special letter of the six scripts', () => {
    expect(words).toContain(SPECIAL_LETTERS);
  });

  it('numbers the outcomes and writes the totals and the warning', () => {
    expect(words).toContain('LO 1.1 — Explain readmission agreements');
    expect(words).toContain('Total: 16 h');
    expect(words).toContain('Warning: the weights total 90 %, not 100 %.');
  });
});

describe('the HTML and Markdown exports of the syllabus data', () => {
  it('number the outcomes and write the totals in both', async () => {
    const document = withAppendices(master());
    const html = await renderHtml(document, OPTIONS);
    expect(html).toContain('<p class="learning-outcome"');
    expect(html).toMatch(/<strong class="outcome-number">LO 1\.1<\/strong> — Explain readmission agreements/);
    expect(html).toContain('<div class="table-warning" role="note">');
    const markdown = await renderMarkdown(document, OPTIONS);
    expect(markdown).toContain('**LO 1.2** — Describe reintegration support');
    expect(markdown).toContain('| **Total: 16 h** | **6** | **2** | **2** | **6** |');
    for (const term of TERMS) expect(html).toContain(term);
  });
});

describe('a glossary term in each format', () => {
  const document = withAppendices(master());
  const doc = sectionDoc(document.sections[0]);
  const appendix = sectionDoc(document.appendices![0]);
  const files = { held: () => GlossaryAnchors.of(document), none: () => GlossaryAnchors.of({}) };

  async function docxXml(glossary: GlossaryAnchors): Promise<string> {
    const lists = new ListInstances();
    const context = { base: 1, listLevel: -1, quoteDepth: 0, header: false, list: null, anchors: new Map(), lists, width: 9000, glossary };
    const word = new Document({ sections: [{ children: [...renderDocxBlock(doc, context), ...renderDocxBlock(appendix, context)] }] });
    return unzip(await Packer.toBuffer(word))['word/document.xml'];
  }

  it('links to its entry’s bookmark in Word when the file holds the glossary', async () => {
    const xml = await docxXml(files.held());
    expect(xml).toMatch(/<w:hyperlink [^>]*w:anchor="glossary_rdmssn0001"[^>]*>(?:(?!<\/w:hyperlink>).)*>readmission<\/w:t>/s);
    expect(xml.match(/<w:bookmarkStart [^>]*w:name="glossary_rdmssn0001"/g)).toHaveLength(1);
  });

  it('is plain text in Word when the file has no glossary', async () => {
    const xml = await docxXml(files.none());
    expect(xml).not.toContain('glossary_rdmssn0001');
    expect(xmlUnescape(wordText(xml))).toContain('Every country signed a readmission agreement.');
  });

  it('links in HTML and Markdown only when the file holds the entry', () => {
    const held = files.held();
    const html = renderNode(doc, { base: 2, glossary: held }) + renderNode(appendix, { base: 2, glossary: held });
    expect(html).toContain('<a class="glossary-term" href="#glossary-rdmssn0001">readmission</a>');
    expect(html).toMatch(/<h3 id="glossary-rdmssn0001">Readmission<\/h3>/);
    expect(renderNode(doc, { base: 2, glossary: files.none() })).toContain('<span class="glossary-term">readmission</span>');

    const links = (glossary: GlossaryAnchors) => ({ notes: new FootnoteNumbering().section(doc), references: new CrossReferences({}, [], 'en'), labels: labelsFor('en'), glossary });
    const mdHeld = files.held();
    expect(contentSerializer(links(mdHeld)).serialize(doc)).toContain('Every country signed a [readmission](#glossary-rdmssn0001) agreement.');
    expect(contentSerializer(links(mdHeld)).serialize(appendix)).toContain('### <a id="glossary-rdmssn0001"></a>Readmission');
    expect(contentSerializer(links(files.none())).serialize(doc)).toContain('Every country signed a readmission agreement.');
  });
});
