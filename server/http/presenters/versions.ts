/** Versions of a section, with or without their text. */
import type { DocumentJson } from '../../../shared/api/documents';
import type { Version, VersionAuthor, VersionWithContent } from '../../../shared/api/versions';

const presentAuthor = (author: VersionAuthor): VersionAuthor => ({ id: author.id, name: author.name });

export function presentVersion(version: Version): Version {
  return {
    id: version.id,
    sectionId: version.sectionId,
    kind: version.kind,
    label: version.label,
    createdBy: version.createdBy ? presentAuthor(version.createdBy) : null,
    authors: version.authors.map(presentAuthor),
    words: version.words,
    insertions: version.insertions,
    deletions: version.deletions,
    contentHash: version.contentHash,
    createdAt: version.createdAt,
    size: version.size,
  };
}

export function presentVersionWithContent(version: Version & { content: DocumentJson }): VersionWithContent {
  return { ...presentVersion(version), content: version.content };
}
