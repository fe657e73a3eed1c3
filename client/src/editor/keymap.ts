/**
 * Keyboard shortcuts and input rules: the habits people bring from word processors. Undo and
 * redo are y-prosemirror's, so they undo your own changes only, never a colleague's.
 */
import { chainCommands } from 'prosemirror-commands';
import {
  InputRule,
  ellipsis,
  emDash,
  inputRules,
  textblockTypeInputRule,
  wrappingInputRule,
} from 'prosemirror-inputrules';
import { keymap } from 'prosemirror-keymap';
import type { Command, EditorState, Plugin, Transaction } from 'prosemirror-state';
import { liftListItem, sinkListItem, splitListItem } from 'prosemirror-schema-list';
import { goToNextCell } from 'prosemirror-tables';
import { redoCommand, undoCommand } from 'y-prosemirror';
import { schema } from '../../../shared/schema';
import type { EditorView } from 'prosemirror-view';
import {
  insertFootnote,
  insertHardBreak,
  nextCellOrNewRow,
  outcomeEnter,
  setHeading,
  setParagraph,
  toggle,
  toggleOutcome,
  toggleSuggesting,
} from './commands';
import { isSuggesting } from './suggesting';

const { nodes, marks } = schema;

/** The shortcut that inserts a footnote (Word's and Google Docs' own). */
export const FOOTNOTE_KEYS = 'Mod-Alt-f';
/** The shortcut of "Insert cross-reference" (free in browsers; Firefox keeps Ctrl+Shift+K). */
export const CROSS_REFERENCE_KEYS = 'Mod-Alt-k';
/** A learning outcome (#20) and back to a paragraph: beside the block types' Mod-Alt-0…3, O for outcome. */
export const OUTCOME_KEYS = 'Mod-Alt-o';

/**
 * A shortcut and the same keys on a Russian keyboard: on Windows Ctrl+Alt is AltGr, so the key
 * arrives as the Cyrillic letter and prosemirror-keymap does not fall back to the Latin one.
 */
function withCyrillic(keys: string, command: Command): Record<string, Command> {
  const latin = 'qwertyuiop[]asdfghjkl;\'zxcvbnm,.';
  const cyrillic = 'йцукенгшщзхъфывапролджэячсмитьбю';
  const last = keys.slice(keys.lastIndexOf('-') + 1);
  const index = latin.indexOf(last);
  const bindings: Record<string, Command> = { [keys]: command };
  if (index >= 0) bindings[`${keys.slice(0, keys.length - last.length)}${cyrillic[index]}`] = command;
  return bindings;
}

export interface KeymapOptions {
  /** Given, Mod-Alt-k opens the page's "insert cross-reference" (see `EditorOptions`). */
  insertReference?: (view: EditorView) => void;
}

/** Our shortcuts; prosemirror-commands' baseKeymap comes after them for everything else. */
export function editingKeymap(options: KeymapOptions = {}): Plugin {
  const insertReference = options.insertReference;
  const bindings: Record<string, Command> = {
    'Mod-z': undoCommand,
    'Mod-y': redoCommand,
    'Mod-Shift-z': redoCommand,
    'Mod-b': toggle(marks.bold),
    'Mod-B': toggle(marks.bold),
    'Mod-i': toggle(marks.italic),
    'Mod-I': toggle(marks.italic),
    'Mod-u': toggle(marks.underline),
    'Mod-U': toggle(marks.underline),
    'Mod-Shift-x': toggle(marks.strike),
    'Mod-,': toggle(marks.subscript),
    'Mod-.': toggle(marks.superscript),
    'Shift-Enter': insertHardBreak,
    'Mod-Enter': insertHardBreak,
    Enter: chainCommands(splitListItem(nodes.list_item), outcomeEnter),
    // In a table Tab moves between cells; in a list it indents. Elsewhere it is left to the
    // browser, so keyboard users can still tab out of the editor.
    Tab: chainCommands(nextCellOrNewRow, sinkListItem(nodes.list_item)),
    'Shift-Tab': chainCommands(goToNextCell(-1), liftListItem(nodes.list_item)),
    'Mod-[': liftListItem(nodes.list_item),
    'Mod-]': sinkListItem(nodes.list_item),
    'Mod-Alt-0': setParagraph,
    'Mod-Alt-1': setHeading(1),
    'Mod-Alt-2': setHeading(2),
    'Mod-Alt-3': setHeading(3),
    ...withCyrillic(OUTCOME_KEYS, toggleOutcome),
    'Mod-Alt-s': toggleSuggesting,
    ...withCyrillic(FOOTNOTE_KEYS, insertFootnote),
  };
  if (insertReference) {
    // Structure, like the toolbar's button: not in suggesting mode.
    Object.assign(
      bindings,
      withCyrillic(CROSS_REFERENCE_KEYS, (state, _dispatch, view) => {
        if (isSuggesting(state) || !view) return false;
        insertReference(view);
        return true;
      }),
    );
  }
  return keymap(bindings);
}

type RuleHandler = (state: EditorState, match: RegExpMatchArray, start: number, end: number) => Transaction | null;

/**
 * A rule that changes structure (a heading, a list) does nothing in suggesting mode, so what was
 * typed stays text (a suggestion) instead of being refused with the key. prosemirror-inputrules
 * keeps a rule's handler internal; the rule is rebuilt around it.
 */
function unlessSuggesting(rule: InputRule): InputRule {
  const { match, handler } = rule as unknown as { match: RegExp; handler: RuleHandler };
  return new InputRule(match, (state, found, start, end) => (isSuggesting(state) ? null : handler(state, found, start, end)));
}

/** Markdown-like shortcuts typed at the start of a line: `# `, `- `, `1. `, `> `. */
export function markdownInputRules(): Plugin {
  const structural: InputRule[] = [
    textblockTypeInputRule(/^(#{1,3})\s$/, nodes.heading, (match) => ({ level: match[1].length })),
    wrappingInputRule(/^\s*([-+*])\s$/, nodes.bullet_list),
    wrappingInputRule(
      /^(\d+)\.\s$/,
      nodes.ordered_list,
      (match) => ({ order: Number(match[1]) }),
      (match, node) => node.childCount + Number(node.attrs.order) === Number(match[1]),
    ),
    wrappingInputRule(/^\s*>\s$/, nodes.blockquote),
  ];
  // The typographic ones replace text with text: in suggesting mode that is a suggestion too.
  return inputRules({ rules: [ellipsis, emDash, ...structural.map(unlessSuggesting)] });
}
