/**
 * How a cross-reference (#18) is drawn in the editor, and where it leads.
 *
 * A reference shows its target's current number and title from the page's reference index
 * (`reference-index.ts`), in the interface's language; the label it stored when inserted while the
 * index has not loaded (offline, a first paint); and, when the index has loaded without its target,
 * the stored label struck through with a warning, titled "The target of this reference was
 * deleted", so a reader sees that the words no longer point anywhere.
 *
 * It is a link to `/sections/<section>#<target>`: a click follows it where the text is read-only,
 * Ctrl/⌘+click where it is editable (a plain click there selects it, as any other atom), and so
 * does Ctrl/⌘+Enter on a selected reference (the keyboard's way in an editable text). Arriving,
 * `revealReferenceTarget` scrolls to the heading or table with that id and highlights it briefly.
 *
 * `crossReferences()` is the editor plugin that brings both: the node view and the highlight (a
 * node decoration: a class set on ProseMirror's DOM by hand is read back as a change and redrawn
 * away).
 */
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import { NodeSelection, Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView, type NodeView } from 'prosemirror-view';
import { REFERENCE_WORDS, SECTION_TARGET, referenceLabel } from '../../../shared/references';
import { locale, t } from '../i18n';
import { navigate, sectionPath } from '../router';
import { lookUpTarget, onReferencesChange, watchReferences } from './reference-index';
import './cross-reference.css';

const SVG = 'http://www.w3.org/2000/svg';

/** The address a reference leads to. */
export function referenceHref(section: string, target: string): string {
  return `${sectionPath(section)}#${encodeURIComponent(target)}`;
}

/** A warning triangle, drawn beside a reference whose target is gone. */
function warningIcon(): SVGSVGElement {
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('class', 'icon cross-reference-warning');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M12 3.5L2.5 20h19zM12 10v4.5M12 17v.5');
  icon.append(path);
  return icon;
}

export class CrossReferenceView implements NodeView {
  readonly dom: HTMLAnchorElement;
  private readonly stopListening: () => void;
  private readonly stopWatching: () => void;

  constructor(
    private node: ProseMirrorNode,
    private readonly view: EditorView,
  ) {
    this.dom = document.createElement('a');
    this.dom.className = 'cross-reference';
    this.dom.setAttribute('data-cross-reference', '');
    this.dom.contentEditable = 'false';
    this.dom.addEventListener('click', (event) => this.follow(event));
    this.stopListening = onReferencesChange(() => this.draw());
    this.stopWatching = watchReferences();
    this.draw();
  }

  private get section(): string {
    return String(this.node.attrs.section);
  }

  private get target(): string {
    return String(this.node.attrs.target);
  }

  /** Draws the label the index gives, or the stored one (flagged when the target is gone). */
  draw(): void {
    const stored = String(this.node.attrs.label || '→');
    const found = lookUpTarget(this.section, this.target);
    const broken = found === undefined;
    const label = found ? referenceLabel(found, REFERENCE_WORDS[locale()]) : stored;
    this.dom.setAttribute('href', referenceHref(this.section, this.target));
    this.dom.setAttribute('data-section', this.section);
    this.dom.setAttribute('data-target', this.target);
    this.dom.classList.toggle('is-broken', broken);
    this.dom.title = broken ? t('references.deleted') : t(this.view.editable ? 'references.openEditable' : 'references.open', { label });
    if (broken) {
      const words = document.createElement('s');
      words.textContent = stored;
      const why = document.createElement('span');
      why.className = 'visually-hidden';
      why.textContent = ` (${t('references.deleted')})`;
      this.dom.replaceChildren(warningIcon(), words, why);
    } else {
      this.dom.replaceChildren(document.createTextNode(label));
    }
  }

  /** Follows the link: a plain click where the text is read-only, a Ctrl/⌘+click where it is editable. */
  private follow(event: MouseEvent): void {
    if (event.button !== 0 || event.shiftKey || event.altKey) return;
    const wantsLink = event.ctrlKey || event.metaKey;
    if (this.view.editable && !wantsLink) {
      // Selecting the reference (to delete or replace it), as ProseMirror does with any atom.
      event.preventDefault();
      return;
    }
    if (!this.view.editable && wantsLink) return; // A new tab: the browser's own way.
    event.preventDefault();
    openReference(this.view, this.section, this.target);
  }

  update(node: ProseMirrorNode): boolean {
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.draw();
    return true;
  }

  selectNode(): void {
    this.dom.classList.add('ProseMirror-selectednode');
  }

  deselectNode(): void {
    this.dom.classList.remove('ProseMirror-selectednode');
  }

  /** The label is ours to draw: ProseMirror must not read it back as text. */
  ignoreMutation(): boolean {
    return true;
  }

  destroy(): void {
    this.stopListening();
    this.stopWatching();
  }
}

/** The node view constructor, for `EditorView`'s `nodeViews.cross_reference`. */
export function crossReferenceView(node: ProseMirrorNode, view: EditorView): CrossReferenceView {
  return new CrossReferenceView(node, view);
}

/**
 * Goes to a reference's target: within the same section it scrolls there (the address's fragment
 * changes, so Back returns), to another section it opens that section's page.
 */
export function openReference(view: EditorView, section: string, target: string): void {
  const href = referenceHref(section, target);
  if (window.location.pathname === sectionPath(section)) {
    window.history.pushState(null, '', href);
    revealReferenceTarget(view, `#${encodeURIComponent(target)}`, { again: true });
    return;
  }
  navigate(href);
}

/** Where the block with this target id starts in the document; 0 for the whole section; null if absent. */
export function targetPosition(doc: ProseMirrorNode, target: string): number | null {
  if (target === SECTION_TARGET) return 0;
  let found: number | null = null;
  doc.descendants((node, pos) => {
    if (found !== null) return false;
    if ((node.type.name === 'heading' || node.type.name === 'table' || node.type.name === 'learning_outcome') && node.attrs.id === target) {
      found = pos;
      return false;
    }
    return !node.isTextblock;
  });
  return found;
}

const HIGHLIGHT_MS = 2_000;
const revealed = new WeakSet<EditorView>();

const arrivalKey = new PluginKey<DecorationSet>('reference-arrival');

/** Highlights the block at `pos` (null: nothing) as the target just arrived at. */
function highlight(view: EditorView, pos: number | null): void {
  if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(arrivalKey, { pos }));
}

/**
 * The editor plugin of cross-references: draws them (`CrossReferenceView`) and holds the brief
 * highlight of a target arrived at.
 */
export function crossReferences(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: arrivalKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, decorations, _old, state) {
        const meta = tr.getMeta(arrivalKey) as { pos: number | null } | undefined;
        if (!meta) return decorations.map(tr.mapping, tr.doc);
        const node = meta.pos === null ? null : state.doc.nodeAt(meta.pos);
        if (!node || meta.pos === null) return DecorationSet.empty;
        return DecorationSet.create(state.doc, [Decoration.node(meta.pos, meta.pos + node.nodeSize, { class: 'is-reference-target' })]);
      },
    },
    props: {
      decorations: (state) => arrivalKey.getState(state),
      nodeViews: { cross_reference: crossReferenceView },
      handleKeyDown(view, event) {
        if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return false;
        const { selection } = view.state;
        if (!(selection instanceof NodeSelection) || selection.node.type.name !== 'cross_reference') return false;
        openReference(view, String(selection.node.attrs.section), String(selection.node.attrs.target));
        return true;
      },
    },
  });
}

/**
 * Shows the heading or table the address's fragment names (`#<target id>`), once this editor has
 * its text: scrolled to the middle of the window and highlighted for a moment. Call it whenever
 * the editor may have synced; it acts once per editor (`again` for a new fragment on the same page).
 */
export function revealReferenceTarget(view: EditorView, hash = window.location.hash, options: { again?: boolean } = {}): void {
  let target: string;
  try {
    target = decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return;
  }
  if (!target || (revealed.has(view) && !options.again)) return;
  revealed.add(view);
  let tries = 0;
  const attempt = () => {
    if (view.isDestroyed) return;
    const pos = view.dom.isConnected ? targetPosition(view.state.doc, target) : null;
    const element = pos === null ? null : target === SECTION_TARGET ? view.dom : view.nodeDOM(pos);
    if (pos === null || !(element instanceof HTMLElement)) {
      // The page places the editor, and the synced text reaches it, a moment later.
      if (++tries < 60) window.setTimeout(attempt, 50);
      return;
    }
    element.scrollIntoView({ block: target === SECTION_TARGET ? 'start' : 'center' });
    if (target === SECTION_TARGET) return;
    highlight(view, pos);
    window.setTimeout(() => highlight(view, null), HIGHLIGHT_MS);
  };
  window.setTimeout(attempt, 0);
}
