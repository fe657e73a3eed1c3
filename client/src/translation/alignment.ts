/**
 * The two texts side by side (#19): how the translation stands against the source, shown on both.
 *
 * On each change of either editor (debounced: typing and colleagues' edits come in bursts), the
 * status is worked out again from the source's settled text (open suggestions left out, as the
 * server counts) and the translation, and each side is decorated: on the source, units whose
 * translation is stale or missing; on the translation, stale blocks and orphans (their source was
 * merged or deleted). Each mark is a class for the eye and a short hidden text for screen readers,
 * never colour alone. An empty linked block shows the source text it is to translate, greyed.
 *
 * The cursor in a block on one side pairs it with its block on the other: both are outlined, and
 * the other column scrolls so the paired block stands at the same height.
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { type EditorState, Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { MessageKey } from '../../../shared/i18n';
import { jsonWithoutSuggestions } from '../../../shared/suggestions';
import { type SourceUnit, type TranslationStatus, translationStatus } from '../../../shared/translations';
import { t } from '../i18n';
import { type PlacedBlock, blockAt, placedBlocks } from './blocks';

export type Side = 'source' | 'target';

/** What a translation block is, seen from its source. */
export type BlockState = 'current' | 'stale' | 'unconfirmed' | 'orphan' | 'empty' | 'unlinked';

const DEBOUNCE_MS = 150;

const LABEL: Record<string, MessageKey> = {
  stale: 'translation.status.stale',
  unconfirmed: 'translation.status.unconfirmed',
  missing: 'translation.status.missing',
  orphan: 'translation.status.orphan',
};

/** The state of one translation block against the source units by id. */
export function blockState(block: PlacedBlock, units: ReadonlyMap<string, SourceUnit>): BlockState {
  const unit = block.source ? units.get(block.source) : undefined;
  if (!unit) return block.text ? 'orphan' : 'unlinked';
  if (!block.text) return 'empty';
  if (block.sourceHash === null) return 'unconfirmed';
  return block.sourceHash === unit.hash ? 'current' : 'stale';
}

function decorationsPlugin(key: PluginKey<DecorationSet>): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        const next = tr.getMeta(key) as DecorationSet | undefined;
        return next ?? set.map(tr.mapping, tr.doc);
      },
    },
    props: {
      decorations: (state) => key.getState(state),
    },
  });
}

/** A hidden label at the start of a block, read with it: the status in words. */
function label(pos: number, key: MessageKey, kind: string): Decoration {
  return Decoration.widget(
    pos + 1,
    () => {
      const span = document.createElement('span');
      span.className = 'visually-hidden unit-status-label';
      span.textContent = `${t(key)}: `;
      return span;
    },
    // Re-drawn when the language or the status changes; the cursor never stops inside it.
    { side: -1, ignoreSelection: true, key: `${kind}-${t(key)}` },
  );
}

function mark(found: Decoration[], block: PlacedBlock, classes: string[], status: string | null, extra: Record<string, string> = {}): void {
  if (classes.length === 0 && Object.keys(extra).length === 0) return;
  found.push(Decoration.node(block.pos, block.pos + block.node.nodeSize, { class: classes.join(' '), ...(status ? { 'data-unit-status': status } : {}), ...extra }));
  if (status && LABEL[status]) found.push(label(block.pos, LABEL[status], status));
}

export interface AlignmentOptions {
  source: () => EditorView | null;
  target: () => EditorView | null;
  /** The status changed (counts, the stale panel) or the pair under the cursor did. */
  changed: () => void;
  /** The column whose text scrolls for a side (the two columns scroll on their own when side by side). */
  scroller: (side: Side) => HTMLElement | null;
}

export class Alignment {
  readonly sourcePlugin: Plugin<DecorationSet>;
  readonly targetPlugin: Plugin<DecorationSet>;
  private readonly sourceKey = new PluginKey<DecorationSet>('alignment-source');
  private readonly targetKey = new PluginKey<DecorationSet>('alignment-target');
  status: TranslationStatus | null = null;
  private units = new Map<string, SourceUnit>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private docs: { source: ProseMirrorNode | null; target: ProseMirrorNode | null } = { source: null, target: null };
  /** The source unit under the cursor, and the side whose cursor chose it. */
  private pair: { unit: string; side: Side } | null = null;
  /** The translation block under the cursor (for the stale panel), by position at the last look. */
  focusedBlock: PlacedBlock | null = null;
  private disposed = false;
  private frame = 0;
  private alignFrom: Side | null = null;

  constructor(private readonly options: AlignmentOptions) {
    this.sourcePlugin = decorationsPlugin(this.sourceKey);
    this.targetPlugin = decorationsPlugin(this.targetKey);
  }

  /** The current source unit of an id, as the stamp needs it. */
  sourceUnit(id: string): SourceUnit | null {
    return this.units.get(id) ?? null;
  }

  /** After every transaction of either editor: a changed text recomputes (soon), a moved cursor re-pairs. */
  editorUpdated(side: Side, view: EditorView): void {
    if (this.disposed) return;
    if (view.state.doc !== this.docs[side]) {
      this.docs[side] = view.state.doc;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.recompute(), DEBOUNCE_MS);
    }
    if (view.hasFocus()) this.follow(side, view.state);
  }

  /** Works the status out now (also once both texts have arrived). */
  recompute(): void {
    clearTimeout(this.timer);
    const source = this.options.source();
    const target = this.options.target();
    if (this.disposed || !source || !target || source.isDestroyed || target.isDestroyed) return;
    const settled = jsonWithoutSuggestions(source.state.doc.toJSON());
    this.status = translationStatus(settled, target.state.doc.toJSON());
    this.units = new Map(this.status.aligned.map((unit) => [unit.source.id, unit.source]));
    // The focused block's link may have changed (a confirm arrived through Yjs): read it again.
    if (target.hasFocus() || this.focusedBlock) this.focusedBlock = blockAt(placedBlocks(target.state.doc), target.state.selection.from);
    this.redecorate();
    this.options.changed();
  }

  /** The cursor moved on one side: pair the unit it is in with its block on the other. */
  private follow(side: Side, state: EditorState): void {
    const blocks = placedBlocks(state.doc);
    const block = blockAt(blocks, state.selection.from);
    if (side === 'target') this.focusedBlock = block;
    const unit = block ? (side === 'source' ? block.id : this.hostUnit(blocks, block)) : null;
    const pair = unit && this.units.has(unit) ? { unit, side } : null;
    if (pair?.unit === this.pair?.unit && pair?.side === this.pair?.side) {
      if (side === 'target') this.options.changed();
      return;
    }
    this.pair = pair;
    this.alignFrom = pair?.side ?? null;
    // Called while an editor is drawing its change: the marks follow in a frame of their own.
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.disposed) return;
      this.redecorate();
      this.options.changed();
      if (this.alignFrom) this.alignPair(this.alignFrom);
    });
  }

  /** The unit a translation block is shown with: its own, or for an orphan the one before it. */
  private hostUnit(blocks: PlacedBlock[], block: PlacedBlock): string | null {
    if (block.source && this.units.has(block.source)) return block.source;
    let host: string | null = null;
    for (const candidate of blocks) {
      if (candidate === block) break;
      if (candidate.source && this.units.has(candidate.source)) host = candidate.source;
    }
    return host;
  }

  /** Scrolls the other column so the paired block stands level with the one under the cursor. */
  alignPair(from: Side): void {
    const pair = this.pair;
    const source = this.options.source();
    const target = this.options.target();
    if (!pair || !source || !target) return;
    const sourceEl = this.elementOf(source, 'source', pair.unit);
    const targetEl = this.elementOf(target, 'target', pair.unit);
    if (!sourceEl || !targetEl) return;
    const [anchor, moving, side] = from === 'source' ? [sourceEl, targetEl, 'target' as const] : [targetEl, sourceEl, 'source' as const];
    const scroller = this.options.scroller(side);
    // A hidden column (narrow screens show one at a time) has nothing to line up with.
    if (!scroller || scroller.offsetParent === null) return;
    const anchorBox = anchor.getBoundingClientRect();
    const movingBox = moving.getBoundingClientRect();
    if (scroller.scrollHeight > scroller.clientHeight) scroller.scrollTop += movingBox.top - anchorBox.top;
    else moving.scrollIntoView({ block: 'nearest' });
  }

  /** Brings the paired block of `side` into view (after the narrow screen's toggle showed it). */
  reveal(side: Side): void {
    const pair = this.pair;
    const view = side === 'source' ? this.options.source() : this.options.target();
    if (!pair || !view) return;
    this.elementOf(view, side, pair.unit)?.scrollIntoView({ block: 'center' });
  }

  private elementOf(view: EditorView, side: Side, unit: string): HTMLElement | null {
    const block = placedBlocks(view.state.doc).find((candidate) => (side === 'source' ? candidate.id : candidate.source) === unit);
    const dom = block ? view.nodeDOM(block.pos) : null;
    return dom instanceof HTMLElement ? dom : null;
  }

  /** Draws both sides' marks from the status and the pair. */
  private redecorate(): void {
    const status = this.status;
    const source = this.options.source();
    const target = this.options.target();
    if (!status || !source || !target || source.isDestroyed || target.isDestroyed) return;
    const paired = this.pair?.unit ?? null;
    const byId = new Map(status.aligned.map((unit) => [unit.source.id, unit]));

    const left: Decoration[] = [];
    for (const block of placedBlocks(source.state.doc)) {
      const unit = block.id ? byId.get(block.id) : undefined;
      if (!unit) continue;
      const state = unit.status === 'current' ? null : unit.status;
      const classes = [state ? `unit-${state}` : '', block.id === paired ? 'unit-paired' : ''].filter(Boolean);
      mark(left, block, classes, state);
    }

    const right: Decoration[] = [];
    const blocks = placedBlocks(target.state.doc);
    for (const block of blocks) {
      const state = blockState(block, this.units);
      const shown = state === 'stale' || state === 'unconfirmed' ? 'stale' : state === 'orphan' ? 'orphan' : null;
      const host = paired ? this.hostUnit(blocks, block) : null;
      const classes = [shown ? `unit-${shown}` : '', paired && host === paired && (block.source === paired || state === 'orphan') ? 'unit-paired' : ''];
      const extra: Record<string, string> = {};
      if (state === 'empty') {
        // The source text it is to translate, greyed, where the translation goes.
        classes.push('unit-to-translate');
        extra['data-source-text'] = this.units.get(block.source!)!.text;
      }
      mark(right, block, classes.filter(Boolean), shown ? (state === 'unconfirmed' ? 'unconfirmed' : shown) : null, extra);
    }

    // Marks only, no change of the text: nothing for the undo history or the other editors.
    source.dispatch(source.state.tr.setMeta(this.sourceKey, DecorationSet.create(source.state.doc, left)));
    target.dispatch(target.state.tr.setMeta(this.targetKey, DecorationSet.create(target.state.doc, right)));
  }

  /** The language changed: the hidden labels are drawn again in it. */
  relabel(): void {
    this.redecorate();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    cancelAnimationFrame(this.frame);
  }
}
