/** Text and attribute values for HTML: every export string passes through here, never raw. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

/** A CSS string literal (for `content:` in print rules), safe inside a <style> element. */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`).replace(/[<>\n\r]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `)}"`;
}
