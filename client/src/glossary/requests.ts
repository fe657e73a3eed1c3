/**
 * The glossary's calls to the server (#20), shared by the glossary page and the editor's glossary
 * links. Failures are the client's two kinds: `ApiError` (the server said no, with its status and
 * code) and `NetworkError` (it could not be reached).
 */
import type { GlossaryApprovalRequest, GlossaryChange, GlossaryEntry, NewGlossaryEntry, WorkspaceSettings } from '../../../shared/api';
import { request } from '../api';

const entry = (id: string) => `/glossary/${encodeURIComponent(id)}`;

export const glossaryRequests = {
  /** Every entry, proposed and approved (anyone signed in may read them). */
  list: () => request<GlossaryEntry[]>('GET', '/glossary'),
  /** Members, leads and coordinators propose; answered with the new entry (status `proposed`). */
  propose: (input: NewGlossaryEntry) => request<GlossaryEntry>('POST', '/glossary', input),
  /** The proposer and coordinators edit; an edit after approval makes the entry `proposed` again. */
  edit: (id: string, change: GlossaryChange) => request<GlossaryEntry>('PATCH', entry(id), change),
  /**
   * Reviewers approve the current wording for their organisation; `contentHash` is the wording on
   * screen, so an entry changed meanwhile is refused (409 `changed`) instead of approved unread.
   */
  approve: (id: string, contentHash?: string) =>
    request<GlossaryEntry>('POST', `${entry(id)}/approvals`, { contentHash } satisfies GlossaryApprovalRequest),
  /** Coordinators delete. */
  remove: (id: string) => request<null>('DELETE', entry(id)),
  /** The workspace's languages: the glossary has a term field for each of them. */
  settings: () => request<WorkspaceSettings>('GET', '/settings'),
};
