/**
 * The number each ordered list starts at. Mammoth writes every Word list as a plain `<ol>`, so a
 * list that starts at 3, or goes on after a paragraph that interrupts it, would restart at 1. We
 * count the way Word does instead: each list (`numId`) counts per level from the level's start
 * (`w:start`, or the list's `w:startOverride`), and an item resets the counts of the levels below it.
 */

interface LevelStarts {
  /** numId → level → start, with overrides applied. */
  starts: Map<string, Map<string, number>>;
}

const TOKEN = /<[^>]*>/g;
const attribute = (tag: string, name: string): string | null => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

/** Reads `numbering.xml`: where each level of each list starts. */
export function readListStarts(numberingXml: string | null): LevelStarts {
  const abstractStarts = new Map<string, Map<string, number>>();
  const numAbstract = new Map<string, string>();
  const overrides = new Map<string, Map<string, number>>();
  let abstractId: string | null = null;
  let numId: string | null = null;
  let level: string | null = null;
  for (const tag of numberingXml?.match(TOKEN) ?? []) {
    const name = /^<\/?([\w:]+)/.exec(tag)?.[1];
    const closing = tag.startsWith('</');
    if (name === 'w:abstractNum') abstractId = closing ? null : attribute(tag, 'w:abstractNumId');
    else if (name === 'w:num') numId = closing ? null : attribute(tag, 'w:numId');
    else if (name === 'w:lvl' || name === 'w:lvlOverride') level = closing ? null : attribute(tag, 'w:ilvl');
    else if (name === 'w:start' && abstractId !== null && level !== null) {
      const levels = abstractStarts.get(abstractId) ?? new Map<string, number>();
      levels.set(level, Number(attribute(tag, 'w:val')) || 0);
      abstractStarts.set(abstractId, levels);
    } else if (name === 'w:abstractNumId' && numId !== null) numAbstract.set(numId, attribute(tag, 'w:val') ?? '');
    else if (name === 'w:startOverride' && numId !== null && level !== null) {
      const levels = overrides.get(numId) ?? new Map<string, number>();
      levels.set(level, Number(attribute(tag, 'w:val')) || 0);
      overrides.set(numId, levels);
    }
  }
  const starts = new Map<string, Map<string, number>>();
  for (const [id, abstract] of numAbstract) {
    starts.set(id, new Map([...(abstractStarts.get(abstract) ?? new Map<string, number>()), ...(overrides.get(id) ?? new Map<string, number>())]));
  }
  return { starts };
}

/** Counts list items in document order and tells each one's number. */
export class ListCounter {
  private readonly counts = new Map<string, Map<number, number>>();

  constructor(private readonly levels: LevelStarts) {}

  /** The number of the next item of list `numId` at `level` (0-based). */
  next(numId: string, level: number): number {
    const counts = this.counts.get(numId) ?? new Map<number, number>();
    this.counts.set(numId, counts);
    const start = this.levels.starts.get(numId)?.get(String(level)) ?? 1;
    const value = counts.has(level) ? counts.get(level)! + 1 : start;
    counts.set(level, value);
    for (const deeper of [...counts.keys()]) if (deeper > level) counts.delete(deeper);
    return value;
  }
}
