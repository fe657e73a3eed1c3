/**
 * The formatting toolbar. Its buttons are the same commands as the shortcuts; their pressed and
 * disabled states are asked of the editor state after every transaction. One tab stop for the
 * whole toolbar, arrow keys between buttons (the WAI-ARIA toolbar pattern).
 */
import { html, nothing, render, svg, type TemplateResult } from 'lit-html';
import type { Command, EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { addColumnAfter, addRowAfter, deleteColumn, deleteRow, deleteTable } from 'prosemirror-tables';
import { redoCommand, undoCommand } from 'y-prosemirror';
import type { MessageKey } from '../../../shared/i18n';
import { schema } from '../../../shared/schema';
import { t } from '../i18n';
import {
  blockActive,
  insertFootnote,
  insertHardBreak,
  insertTable,
  toggleOutcome,
  insideNode,
  linkAt,
  markActive,
  setHeading,
  setParagraph,
  toggle,
  toggleBlockquote,
  toggleList,
  toggleSuggesting,
} from './commands';
import { TABLE_MENU_ID, TableMenu } from './curriculum/table-menu';
import { say } from './curriculum/words';
import { editingNote } from './footnote-state';
import { glossaryIcon } from './glossary/glossary-icon';
import { GLOSSARY_KEYS, linkRequest, linkToGlossary } from './glossary/glossary-links';
import { glyph, icons } from './icons';
import { CROSS_REFERENCE_KEYS, FOOTNOTE_KEYS, OUTCOME_KEYS } from './keymap';
import { LinkForm } from './link-form';
import { type Refusal, isSuggesting, suggestingState } from './suggesting';

const { nodes, marks } = schema;

/** A pen over a line: suggesting (drawn here, in the stroke style of `icons.ts`). */
const suggestIcon = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  ${svg`<path d="M4 20h7"/><path d="M14.5 5.5l4 4L10 18H6v-4z"/>`}
</svg>`;
const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** A table with a sum under it: the syllabus tables (#20), hours and assessment. */
const syllabusTableIcon = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
  ${svg`<rect x="3" y="3" width="18" height="13" rx="1.5"/><path d="M3 7.5h18M3 11.8h18M10 3v13"/><path d="M15.5 19.5h5"/><path d="M15.5 22h5"/><path d="M4 20.5h7"/>`}
</svg>`;

interface Tool {
  id: string;
  /** A catalogue key, or a function for a feature that reads its own catalogue (the syllabus's). */
  label: MessageKey | (() => string);
  icon: TemplateResult;
  /** Shown in the tooltip, in ProseMirror's key notation. */
  keys?: string;
  run: (view: EditorView) => void;
  /** Present on toggles: they carry aria-pressed. */
  active?: (state: EditorState) => boolean;
  /** Buttons that act on a kind of selection (tables, undo) are disabled elsewhere. */
  applies?: (state: EditorState) => boolean;
  /** Still works in suggesting mode (undo, comments); formatting and structure do not. */
  suggests?: true;
  /** Shows its name beside the icon. */
  labelled?: true;
  /** Opens a menu (the menu-button pattern): whether it is open now, and the menu's id. */
  menu?: { open: () => boolean; id: string };
}

type Group = Tool[];

/** What the toolbar's creator may add to it. */
export interface ToolbarOptions {
  /**
   * Opens the page's "insert cross-reference" chooser for the cursor (#18); given, the toolbar
   * has an "Insert cross-reference" button (and Mod-Alt-k, bound by the editor, does the same).
   */
  insertReference?: (view: EditorView) => void;
  /** The id of the text area the toolbar acts on (a translation page has two). */
  controls?: string;
  /** The toolbar's accessible name ("Formatting" unless a page has two toolbars). */
  label?: () => string;
}

/** A shortcut in ProseMirror's notation as this platform writes it: Mod-Alt-m is Ctrl+Alt+M or ⌘⌥M. */
export function shortcut(keys: string): string {
  return keys
    .split('-')
    .map((part) => (part === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : part.length === 1 ? part.toUpperCase() : part))
    .join(isMac ? '' : '+');
}

function exec(command: Command): (view: EditorView) => void {
  return (view) => command(view.state, view.dispatch, view);
}

/** A button that is disabled where its command does not apply (tables, undo, line break). */
function commandTool(command: Command): Pick<Tool, 'run' | 'applies'> {
  return { run: exec(command), applies: (state) => command(state) };
}

export class Toolbar {
  /** The toolbar and its link form; the page places this element once and keeps it. */
  readonly element = document.createElement('div');
  private focusIndex = 0;
  private readonly linkForm = new LinkForm(() => this.render());
  private readonly tableMenu = new TableMenu(
    () => this.render(),
    () => this.element.querySelector<HTMLButtonElement>('[data-tool="syllabusTable"]')?.focus(),
  );
  private readonly groups: Group[];
  /** Why the last change was refused in suggesting mode, shown under the toolbar for a while. */
  private refusal: Refusal | null = null;
  private refusalTimer = 0;

  /** @param comment starts a comment on the selection; given, the toolbar ends with its button. */
  constructor(
    private readonly view: () => EditorView | null,
    comment?: () => void,
    private readonly options: ToolbarOptions = {},
  ) {
    const insertReference = options.insertReference;
    this.element.className = 'toolbar-area';
    this.groups = [
      [
        { id: 'paragraph', label: 'toolbar.paragraph', icon: glyph('¶'), keys: 'Mod-Alt-0', run: exec(setParagraph), active: (s) => blockActive(s, nodes.paragraph) },
        ...([1, 2, 3] as const).map((level): Tool => ({
          id: `heading${level}`,
          label: `toolbar.heading${level}`,
          icon: glyph(`H${level}`, 'heading'),
          keys: `Mod-Alt-${level}`,
          run: exec(setHeading(level)),
          active: (s) => blockActive(s, nodes.heading, { level }),
        })),
        {
          id: 'learningOutcome',
          label: () => say('toolbar.learningOutcome'),
          icon: glyph('LO', 'heading'),
          keys: OUTCOME_KEYS,
          active: (s) => blockActive(s, nodes.learning_outcome),
          ...commandTool(toggleOutcome),
        },
      ],
      [
        { id: 'bold', label: 'toolbar.bold', icon: glyph('B', 'bold'), keys: 'Mod-b', run: exec(toggle(marks.bold)), active: (s) => markActive(s, marks.bold) },
        { id: 'italic', label: 'toolbar.italic', icon: glyph('I', 'italic'), keys: 'Mod-i', run: exec(toggle(marks.italic)), active: (s) => markActive(s, marks.italic) },
        { id: 'underline', label: 'toolbar.underline', icon: glyph('U', 'underline'), keys: 'Mod-u', run: exec(toggle(marks.underline)), active: (s) => markActive(s, marks.underline) },
        { id: 'strike', label: 'toolbar.strike', icon: glyph('S', 'strike'), keys: 'Mod-Shift-x', run: exec(toggle(marks.strike)), active: (s) => markActive(s, marks.strike) },
        { id: 'subscript', label: 'toolbar.subscript', icon: glyph('x₂'), keys: 'Mod-,', run: exec(toggle(marks.subscript)), active: (s) => markActive(s, marks.subscript) },
        { id: 'superscript', label: 'toolbar.superscript', icon: glyph('x²'), keys: 'Mod-.', run: exec(toggle(marks.superscript)), active: (s) => markActive(s, marks.superscript) },
        { id: 'link', label: 'toolbar.link', icon: icons.link, run: (view: EditorView) => this.linkForm.show(view), active: (s) => linkAt(s) !== null },
        {
          id: 'glossary',
          label: 'toolbar.glossary',
          icon: glossaryIcon,
          keys: GLOSSARY_KEYS,
          run: linkToGlossary,
          active: (s) => markActive(s, marks.glossary_term),
          applies: (s) => linkRequest(s) !== null,
        },
      ],
      [
        { id: 'bulletList', label: 'toolbar.bulletList', icon: icons.bulletList, run: exec(toggleList(nodes.bullet_list)), active: (s) => insideNode(s, nodes.bullet_list) },
        { id: 'orderedList', label: 'toolbar.orderedList', icon: icons.orderedList, run: exec(toggleList(nodes.ordered_list)), active: (s) => insideNode(s, nodes.ordered_list) },
        { id: 'blockquote', label: 'toolbar.blockquote', icon: icons.blockquote, run: exec(toggleBlockquote), active: (s) => insideNode(s, nodes.blockquote) },
        { id: 'hardBreak', label: 'toolbar.hardBreak', icon: icons.hardBreak, keys: 'Shift-Enter', ...commandTool(insertHardBreak) },
      ],
      [
        { id: 'table', label: 'toolbar.table', icon: icons.table, ...commandTool(insertTable) },
        {
          id: 'syllabusTable',
          label: () => say('toolbar.syllabusTable'),
          icon: syllabusTableIcon,
          run: (view: EditorView) => this.tableMenu.toggle(view),
          applies: (state: EditorState) => insertTable(state),
          menu: { open: () => this.tableMenu.isOpen, id: TABLE_MENU_ID },
        },
        { id: 'footnote', label: 'toolbar.footnote', icon: icons.footnote, keys: FOOTNOTE_KEYS, ...commandTool(insertFootnote) },
        ...(insertReference
          ? [
              {
                id: 'crossReference',
                label: 'toolbar.crossReference',
                icon: icons.crossReference,
                keys: CROSS_REFERENCE_KEYS,
                run: insertReference,
                // Where a footnote could go, a reference can (an inline object in the text).
                applies: (state: EditorState) => !editingNote(state) && insertFootnote(state),
              } satisfies Tool,
            ]
          : []),
        { id: 'addRow', label: 'toolbar.addRow', icon: icons.addRow, ...commandTool(addRowAfter) },
        { id: 'addColumn', label: 'toolbar.addColumn', icon: icons.addColumn, ...commandTool(addColumnAfter) },
        { id: 'deleteRow', label: 'toolbar.deleteRow', icon: icons.deleteRow, ...commandTool(deleteRow) },
        { id: 'deleteColumn', label: 'toolbar.deleteColumn', icon: icons.deleteColumn, ...commandTool(deleteColumn) },
        { id: 'deleteTable', label: 'toolbar.deleteTable', icon: icons.deleteTable, ...commandTool(deleteTable) },
      ],
      [
        { id: 'undo', label: 'toolbar.undo', icon: icons.undo, keys: 'Mod-z', suggests: true, ...commandTool(undoCommand) },
        { id: 'redo', label: 'toolbar.redo', icon: icons.redo, keys: isMac ? 'Mod-Shift-z' : 'Mod-y', suggests: true, ...commandTool(redoCommand) },
      ],
    ];
    if (comment) {
      this.groups.push([
        { id: 'comment', label: 'comments.add', icon: icons.comment, keys: 'Mod-Alt-m', suggests: true, run: comment, applies: (state) => !state.selection.empty },
      ]);
    }
    this.groups.push([
      {
        id: 'suggesting',
        label: 'suggestions.mode',
        icon: suggestIcon,
        keys: 'Mod-Alt-s',
        suggests: true,
        labelled: true,
        run: exec(toggleSuggesting),
        active: (state) => isSuggesting(state),
        applies: (state) => !suggestingState(state).forced,
      },
    ]);
    this.element.addEventListener('keydown', (event) => this.moveFocus(event));
  }

  /** Redraws with the editor's current state and the current language. */
  render(): void {
    const view = this.view();
    if (!view) return;
    render(this.template(view), this.element);
  }

  private template(view: EditorView): TemplateResult {
    let index = 0;
    const count = this.groups.reduce((sum, group) => sum + group.length, 0);
    this.focusIndex = Math.min(this.focusIndex, count - 1);
    return html`
      <div class="toolbar" role="toolbar" aria-label=${this.options.label?.() ?? t('toolbar.label')} aria-controls=${this.options.controls ?? 'section-text'}>
        ${this.groups.map(
          (group, groupIndex) => html`
            ${groupIndex > 0 ? html`<span class="toolbar-separator" role="separator" aria-orientation="vertical"></span>` : nothing}
            ${group.map((tool) => this.button(view, tool, index++))}
          `,
        )}
      </div>
      ${this.linkForm.template(view)} ${this.tableMenu.template(view)}
      <p class="toolbar-note" role="status">${this.note(view.state)}</p>
    `;
  }

  /** Under the toolbar: suggesting is on (and why it cannot be turned off), or why a change was refused. */
  private note(state: EditorState): string | typeof nothing {
    if (this.refusal) return t(`suggestions.refused.${this.refusal}`);
    const mode = suggestingState(state);
    if (!mode.on) return nothing;
    return t(mode.forced ? 'suggestions.forcedNote' : 'suggestions.onNote', { keys: shortcut('Mod-Alt-s') });
  }

  /** Says for a few seconds why a change cannot be suggested. */
  refused(reason: Refusal): void {
    this.refusal = reason;
    window.clearTimeout(this.refusalTimer);
    this.refusalTimer = window.setTimeout(() => {
      this.refusal = null;
      this.render();
    }, 6000);
    this.render();
  }

  private button(view: EditorView, tool: Tool, index: number): TemplateResult {
    const state = view.state;
    const enabled = (tool.suggests || !isSuggesting(state)) && (tool.applies ? tool.applies(state) : true);
    const label = typeof tool.label === 'function' ? tool.label() : t(tool.label);
    const forced = tool.id === 'suggesting' && suggestingState(state).forced;
    const title = forced ? t('suggestions.forcedTitle') : tool.keys ? `${label} (${shortcut(tool.keys)})` : label;
    const activate = () => {
      if (!enabled) return;
      this.focusIndex = index;
      tool.run(view);
      // The link form, the comment box, a new footnote's note and the reference chooser take the focus.
      if (!['link', 'comment', 'footnote', 'crossReference', 'syllabusTable', 'glossary'].includes(tool.id)) view.focus();
    };
    return html`<button
      type="button"
      class=${tool.labelled ? 'tool is-labelled' : 'tool'}
      data-tool=${tool.id}
      tabindex=${index === this.focusIndex ? 0 : -1}
      aria-label=${label}
      title=${title}
      aria-pressed=${tool.active ? String(tool.active(state)) : nothing}
      aria-disabled=${enabled ? nothing : 'true'}
      aria-haspopup=${tool.menu ? 'menu' : nothing}
      aria-expanded=${tool.menu ? String(tool.menu.open()) : nothing}
      aria-controls=${tool.menu?.open() ? tool.menu.id : nothing}
      @mousedown=${(event: MouseEvent) => event.preventDefault()}
      @click=${activate}
    >
      ${tool.icon}${tool.labelled ? html`<span class="tool-label">${label}</span>` : nothing}
    </button>`;
  }

  private moveFocus(event: KeyboardEvent): void {
    const buttons = [...this.element.querySelectorAll<HTMLButtonElement>('.toolbar button.tool')];
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.focusIndex = (next + buttons.length) % buttons.length;
    for (const [i, button] of buttons.entries()) button.tabIndex = i === this.focusIndex ? 0 : -1;
    buttons[this.focusIndex].focus();
  }

  /** Closes the link form, e.g. when the section became read-only. */
  reset(): void {
    this.linkForm.close(null);
    this.tableMenu.close(false);
    this.refusal = null;
    window.clearTimeout(this.refusalTimer);
  }
}
