/** A shortcut in ProseMirror's notation as this platform writes it (Mod-Alt-g: Ctrl+Alt+G or ⌘⌥G), as the toolbar writes it. */
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function shortcutText(keys: string): string {
  return keys
    .split('-')
    .map((part) => (part === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : part === 'Alt' && isMac ? '⌥' : part.length === 1 ? part.toUpperCase() : part))
    .join(isMac ? '' : '+');
}
