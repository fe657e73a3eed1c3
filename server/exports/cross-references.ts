/**
 * Cross-references (#18) as an export writes them: what a reference shows, and whether it can lead
 * somewhere in this file.
 *
 * The label is the target's current number and title from `MasterDocument.targets`, in the
 * export's language (`referenceLabel`). A reference whose target is gone shows the label it stored
 * when it was inserted, followed by a marker that it is broken. A reference links only to a target
 * the file holds: a section left out (one-section export, approved texts without drafts) or a block
 * missing from the exported text gets its label as plain text, never a dangling link.
 */
import type { Node } from 'prosemirror-model';
import { REFERENCE_WORDS, type ReferenceTarget, SECTION_TARGET, referenceLabel, targetKey } from '../../shared/references';
import type { ExportLabels } from './labels';
import type { ExportLocale, ExportSection, MasterDocument } from './model';

export interface ResolvedReference {
  /** What the reference shows, without the broken marker. */
  label: string;
  /** The target is deleted: the label is the stored one, and the marker follows it. */
  broken: boolean;
  /** Where it leads in this file, or null: shown as plain text. */
  to: { section: string; target: string } | null;
}

/** JSON of a section's content as the exporters receive it. */
interface Json {
  type?: unknown;
  attrs?: { id?: unknown } | null;
  content?: unknown;
}

/**
 * The anchors a file holds: every included section, and each of its headings and tables that has
 * an id. Read from the content's JSON in one walk per section before anything is drawn, so a
 * reference to a later section knows whether to link.
 */
function anchorsOf(sections: readonly ExportSection[]): Set<string> {
  const keys = new Set<string>();
  for (const section of sections) {
    keys.add(targetKey(section.id, SECTION_TARGET));
    const stack: unknown[] = [section.content];
    while (stack.length) {
      const node = stack.pop() as Json | null;
      if (!node || typeof node !== 'object') continue;
      if ((node.type === 'heading' || node.type === 'table' || node.type === 'learning_outcome') && typeof node.attrs?.id === 'string' && node.attrs.id) {
        keys.add(targetKey(section.id, node.attrs.id));
      }
      // Nothing to point at below a textblock; tables' cells may hold headings and tables.
      if (node.type !== 'heading' && node.type !== 'paragraph' && node.type !== 'learning_outcome' && Array.isArray(node.content)) stack.push(...(node.content as unknown[]));
    }
  }
  return keys;
}

export class CrossReferences {
  private readonly anchors: Set<string>;
  private readonly targets: Record<string, ReferenceTarget> | undefined;
  private readonly words;

  /** `included`: the sections whose text this file holds. */
  constructor(document: Pick<MasterDocument, 'targets'>, included: readonly ExportSection[], locale: ExportLocale) {
    this.anchors = anchorsOf(included);
    this.targets = document.targets;
    this.words = REFERENCE_WORDS[locale];
  }

  /** Whether the file holds the target, so an anchor written for it can be linked to. */
  holds(section: string, target: string): boolean {
    return this.anchors.has(targetKey(section, target));
  }

  resolve(node: Node): ResolvedReference {
    const section = String(node.attrs.section ?? '');
    const target = String(node.attrs.target ?? '');
    const stored = String(node.attrs.label ?? '');
    const key = targetKey(section, target);
    const found = this.targets?.[key];
    const to = this.anchors.has(key) ? { section, target } : null;
    if (found) return { label: referenceLabel(found, this.words), broken: false, to };
    // A source that sends no index cannot tell a deleted target: the stored label, unmarked.
    if (!this.targets) return { label: stored, broken: false, to };
    // Deleted since, but still in the text this file holds (an approved text): it leads there.
    if (to) return { label: stored, broken: false, to };
    return { label: stored, broken: true, to: null };
  }

  /** The whole text of a reference: its label, and the broken marker after it when it is broken. */
  static text(reference: ResolvedReference, labels: ExportLabels): string {
    if (!reference.broken) return reference.label;
    return reference.label ? `${reference.label} ${labels.brokenReference}` : labels.brokenReference;
  }
}

/**
 * Anchor names of one file for its targets, derived from the section and target ids by a format's
 * rule (`derive`), each name unique: two keys that derive the same name (ids that differ only in
 * characters the format refuses) get a counter. `claim` hands a name out once, so a target whose id
 * appears twice (a copy not yet renumbered) gets one anchor, at its first place.
 */
export class AnchorNames {
  private readonly names = new Map<string, string>();
  private readonly used = new Set<string>();
  private readonly claimed = new Set<string>();

  constructor(
    private readonly derive: (section: string, target: string) => string,
    private readonly maxLength = 200,
  ) {}

  name(section: string, target: string): string {
    const key = targetKey(section, target);
    let name = this.names.get(key);
    if (name) return name;
    const base = this.derive(section, target).slice(0, this.maxLength);
    name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base.slice(0, this.maxLength - String(n).length - 1)}_${n}`;
    this.names.set(key, name);
    this.used.add(name);
    return name;
  }

  /** The target's anchor the first time it is placed; null after (it is already in the file). */
  claim(section: string, target: string): string | null {
    const key = targetKey(section, target);
    if (this.claimed.has(key)) return null;
    this.claimed.add(key);
    return this.name(section, target);
  }
}

/** Characters outside `allowed` become `_`. */
export const sanitise = (value: string, allowed: RegExp) => value.replace(allowed, '_');

/**
 * Anchors of the HTML and PDF exports (element ids, named destinations): a section's is the one its
 * contents entry has always linked to (`section-<id>`), a heading's or table's `ref-<section>-<id>`.
 */
export function pageAnchors(): AnchorNames {
  const safe = (value: string) => sanitise(value, /[^A-Za-z0-9_-]/g);
  return new AnchorNames((section, target) => (target === SECTION_TARGET ? `section-${safe(section)}` : `ref-${safe(section)}-${safe(target)}`));
}
