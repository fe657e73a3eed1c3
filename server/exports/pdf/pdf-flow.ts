/**
 * Where the next thing goes on the PDF's pages: the y position, page breaks, and the left rules of
 * open blockquotes (drawn page by page). A flow can also measure: in a dry flow every drawing call
 * is skipped and only y moves, so the code that draws a table cell also says how tall it is.
 */
export interface FlowOptions {
  /** Measure only: draw nothing, never break pages. */
  dry?: boolean;
  /** Inside a table cell: content never breaks a page (the table breaks between rows). */
  fixed?: boolean;
  /** Called after each new page (the table repeats its header rows here). */
  onPage?: () => void;
}

const RULE_COLOUR = '#999999';

/** The named destinations of each document: a name is placed once (header rows are drawn again). */
const placed = new WeakMap<PDFKit.PDFDocument, Set<string>>();

export class Flow {
  private readonly rules: { x: number; from: number }[] = [];
  private readonly pageHooks: (() => void)[] = [];

  constructor(
    readonly doc: PDFKit.PDFDocument,
    public y: number,
    private readonly options: FlowOptions = {},
  ) {}

  get dry(): boolean {
    return this.options.dry === true;
  }

  get top(): number {
    return this.doc.page.margins.top;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** A flow for content inside a box at `y`: measuring when this one measures, never breaking pages. */
  inner(y: number, dry = this.dry): Flow {
    return new Flow(this.doc, y, { dry, fixed: true });
  }

  /** Makes sure `height` points fit below y, starting a new page when they do not. */
  room(height: number): void {
    if (this.options.dry || this.options.fixed) return;
    if (this.y + height > this.bottom && this.y > this.top) this.newPage();
  }

  newPage(): void {
    for (const rule of this.rules) this.drawRule(rule.x, rule.from, this.y);
    this.doc.addPage();
    this.y = this.top;
    for (const rule of this.rules) rule.from = this.y;
    for (const hook of [...this.pageHooks]) hook();
  }

  /** Runs `body` with `hook` called on each page break it causes (a table's repeated header). */
  onEachPage(hook: () => void, body: () => void): void {
    this.pageHooks.push(hook);
    try {
      body();
    } finally {
      this.pageHooks.splice(this.pageHooks.indexOf(hook), 1);
    }
  }

  /** Draws a left rule beside everything `body` puts on the pages, split at page breaks. */
  withRule(x: number, body: () => void): void {
    const rule = { x, from: this.y };
    this.rules.push(rule);
    try {
      body();
    } finally {
      this.rules.splice(this.rules.indexOf(rule), 1);
      this.drawRule(x, rule.from, this.y);
    }
  }

  private drawRule(x: number, from: number, to: number): void {
    if (this.dry || to <= from) return;
    this.doc.save().lineWidth(2).strokeColor(RULE_COLOUR).moveTo(x, from).lineTo(x, to).stroke().restore();
  }

  text(text: string, x: number, y: number, font: string, size: number, options: PDFKit.Mixins.TextOptions & { color?: string } = {}): void {
    if (this.dry) return;
    const { color = '#1b1b1b', ...rest } = options;
    this.doc.font(font).fontSize(size).fillColor(color).text(text, x, y, { lineBreak: false, ...rest });
  }

  box(x: number, y: number, width: number, height: number, style: { fill?: string; stroke?: string; lineWidth?: number }): void {
    if (this.dry) return;
    this.doc.save().lineWidth(style.lineWidth ?? 0.5);
    this.doc.rect(x, y, width, height);
    if (style.fill && style.stroke) this.doc.fillAndStroke(style.fill, style.stroke);
    else if (style.fill) this.doc.fill(style.fill);
    else if (style.stroke) this.doc.stroke(style.stroke);
    this.doc.restore();
  }

  /**
   * A named destination here, for the contents' links, footnotes and cross-references (nothing in
   * a measuring flow; a name already placed stays where it was first placed).
   */
  destination(name: string): void {
    if (this.dry) return;
    let names = placed.get(this.doc);
    if (!names) placed.set(this.doc, (names = new Set()));
    if (names.has(name)) return;
    names.add(name);
    // pdfkit turns the top from its y-down coordinates into PDF's; null left and zoom keep the reader's.
    this.doc.addNamedDestination(name, 'XYZ', ...([null, this.y, null] as unknown as number[]));
  }
}
