/**
 * "Download your version": the text of this device's copy of a section as a document of its own,
 * for changes the server will not take any more (rights taken away, the section deleted). An
 * HTML file: it keeps headings, lists, tables and emphasis, opens in every browser, and Word and
 * LibreOffice open it as a document. Made in the page from the copy itself — the server does not
 * have this text, and may not be reachable.
 */
import { DOMSerializer } from 'prosemirror-model';
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import * as Y from 'yjs';
import { CONTENT_FRAGMENT, schema } from '../../../shared/schema';
import { locale, t } from '../i18n';
import type { CopyOwner } from './device';
import { LocalCopy } from './local-copy';

/** The copy's text as a standalone HTML document. */
export function copyAsHtml(doc: Y.Doc, title: string, savedAt: Date): string {
  const root = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(CONTENT_FRAGMENT), schema);
  const body = document.createElement('div');
  body.append(DOMSerializer.fromSchema(schema).serializeFragment(root.content, { document }));
  const heading = document.createElement('h1');
  heading.textContent = title;
  const note = document.createElement('p');
  note.className = 'note';
  note.textContent = t('offline.download.note', {
    time: new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short' }).format(savedAt),
  });
  const page = document.implementation.createHTMLDocument(title);
  page.documentElement.lang = locale();
  const charset = page.createElement('meta');
  charset.setAttribute('charset', 'utf-8');
  const style = page.createElement('style');
  style.textContent =
    'body{font-family:Arial,sans-serif;max-width:46rem;margin:2rem auto;line-height:1.5}' +
    'table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .5rem;vertical-align:top}.note{color:#555}';
  page.head.prepend(charset);
  page.head.append(style);
  page.body.append(heading, note, ...body.childNodes);
  return `<!doctype html>\n${page.documentElement.outerHTML}`;
}

/** Saves the text as a file through the browser's download. */
export function download(doc: Y.Doc, title: string): void {
  const now = new Date();
  const blob = new Blob([copyAsHtml(doc, title, now)], { type: 'text/html;charset=utf-8' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  const day = now.toISOString().slice(0, 10);
  link.download = `${safeFileName(t('offline.download.fileName', { title, date: day }))}.html`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Letters of every script stay; what file systems refuse becomes a dash. */
function safeFileName(name: string): string {
  const refused = new Set('\\/:*?"<>|');
  return [...name]
    .map((char) => (refused.has(char) || char.charCodeAt(0) < 32 ? '-' : char))
    .join('')
    .slice(0, 120);
}

/**
 * Opens the device's copy of a section that can no longer be opened from the server, for its
 * download: resolves with the copy (null when the device has none). The caller destroys it.
 */
export async function openCopy(owner: CopyOwner, sectionId: string): Promise<{ copy: LocalCopy; doc: Y.Doc; title: string } | null> {
  const doc = new Y.Doc();
  const copy = new LocalCopy(owner, sectionId, doc, () => undefined);
  await copy.load();
  if (!copy.loaded) {
    copy.destroy();
    doc.destroy();
    return null;
  }
  return { copy, doc, title: (await copy.title()) ?? sectionId };
}
