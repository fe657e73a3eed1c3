/** Search hits, each with its section's title in the viewer's language. */
import type { SearchHit } from '../../../shared/api/search';
import { titleIn } from '../../../shared/workspace';
import type { PersonRecord } from '../../domain/people';
import type { SearchHitRecord } from '../../domain/search';

export function presentSearchHit(hit: SearchHitRecord, viewer: PersonRecord): SearchHit {
  return {
    kind: hit.kind,
    sectionId: hit.section.id,
    sectionTitle: titleIn(hit.section.titles, viewer.locale),
    lang: hit.lang,
    snippet: hit.snippet.text,
    highlights: hit.snippet.highlights.map((range) => ({ start: range.start, end: range.end })),
    blockIndex: hit.blockIndex,
    threadId: hit.threadId,
  };
}
