/**
 * Word's comments: who wrote each, when, and its words (`word/comments.xml`), and how they hang
 * together (`word/commentsExtended.xml`, Word 2013 and later: a reply names the comment it
 * answers, and a comment can be marked done). Where each comment's words are in the text is found
 * by the markers `word-markers.ts` wrote; this module only reads the comments themselves.
 */

export interface WordComment {
  /** Word's id (`w:id`), as the range markers carry it. */
  id: string;
  author: string;
  date: string | null;
  text: string;
  /** The Word id of the comment this one answers, when it is a reply. */
  parent: string | null;
  done: boolean;
}

const TOKEN = /<[^>]*>|[^<]+/g;
const TAG = /^<(\/?)([\w.-]+:?[\w.-]*)([^>]*?)(\/?)>$/;

const decodeXml = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|quot|apos|amp);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' }[entity]!;
  });

const attribute = (attributes: string, name: string): string | null => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(attributes);
  return match ? decodeXml(match[1]) : null;
};

interface ParsedComment extends WordComment {
  /** `w14:paraId` of its last paragraph, which commentsExtended.xml names it by. */
  lastParagraphId: string | null;
}

/** The comments of `comments.xml` (and their threads, from `commentsExtended.xml` when present). */
export function readWordComments(commentsXml: string | null, extendedXml: string | null): WordComment[] {
  if (!commentsXml) return [];
  const comments: ParsedComment[] = [];
  let current: ParsedComment | null = null;
  let paragraphs: string[] = [];
  let inText = false;
  for (const token of commentsXml.match(TOKEN) ?? []) {
    const tag = TAG.exec(token);
    if (!tag) {
      if (current && inText) paragraphs[paragraphs.length - 1] += decodeXml(token);
      continue;
    }
    const [, closing, name, attributes, selfClosing] = tag;
    if (name === 'w:comment') {
      if (closing && current) {
        current.text = paragraphs.join('\n').trim();
        comments.push(current);
        current = null;
      } else if (!closing) {
        current = {
          id: attribute(attributes, 'w:id') ?? '',
          author: (attribute(attributes, 'w:author') ?? '').trim(),
          date: attribute(attributes, 'w:date'),
          text: '',
          parent: null,
          done: false,
          lastParagraphId: null,
        };
        paragraphs = [];
      }
      continue;
    }
    if (!current) continue;
    if (name === 'w:p' && !closing) {
      paragraphs.push('');
      current.lastParagraphId = attribute(attributes, 'w14:paraId') ?? current.lastParagraphId;
    } else if (name === 'w:t') inText = !closing && !selfClosing;
    else if (name === 'w:tab' && paragraphs.length) paragraphs[paragraphs.length - 1] += '\t';
    else if ((name === 'w:br' || name === 'w:cr') && paragraphs.length) paragraphs[paragraphs.length - 1] += '\n';
  }
  linkThreads(comments, extendedXml);
  return comments.map(({ lastParagraphId: _, ...comment }) => comment);
}

function linkThreads(comments: ParsedComment[], extendedXml: string | null): void {
  if (!extendedXml) return;
  const byParagraph = new Map(comments.filter((c) => c.lastParagraphId).map((c) => [c.lastParagraphId!, c]));
  for (const match of extendedXml.matchAll(/<w15:commentEx\b([^>]*)\/?>/g)) {
    const comment = byParagraph.get(attribute(match[1], 'w15:paraId') ?? '');
    if (!comment) continue;
    const parentParagraph = attribute(match[1], 'w15:paraIdParent');
    comment.parent = parentParagraph ? (byParagraph.get(parentParagraph)?.id ?? null) : null;
    comment.done = attribute(match[1], 'w15:done') === '1';
  }
}
