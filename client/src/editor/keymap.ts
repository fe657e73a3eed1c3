/**
 * Keyboard shortcuts and input rules: the habits people bring from word processors. Undo and
 * redo are y-prosemirror's, so they undo your own changes only, never a colleague's.
 */
import { chainCommands } from 'prosemirror-commands';
import {
  type InputRule,
  ellipsis,
  emDash,
  inputRules,
  textblockTypeInputRule,
  wrappingInputRule,
} from 'prosemirror-inputrules';
import { keymap } from 'prosemirror-keymap';
import type { Command, Plugin } from 'prosemirror-state';
import { liftListItem, sinkListItem, splitListItem } from 'prosemirror-schema-list';
import { goToNextCell } from 'prosemirror-tables';
import { redoCommand, undoCommand } from 'y-prosemirror';
import { schema } from '../../../shared/schema';
import { insertHardBreak, nextCellOrNewRow, setHeading, setParagraph, toggle } from './commands';

const { nodes, marks } = schema;

/** Our shortcuts; prosemirror-commands' baseKeymap comes after them for everything else. */
export function editingKeymap(): Plugin {
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
    Enter: splitListItem(nodes.list_item),
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
  };
  return keymap(bindings);
}

/** Markdown-like shortcuts typed at the start of a line: `# `, `- `, `1. `, `> `. */
export function markdownInputRules(): Plugin {
  const rules: InputRule[] = [
    ellipsis,
    emDash,
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
  return inputRules({ rules });
}
