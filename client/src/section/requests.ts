/**
 * The section page's calls to the server beyond the section itself: comment threads, the people
 * directory (authors, mentions), the review workflow and the version history. Failures are the
 * same two kinds the rest of the client explains: `ApiError` (the server said no) and
 * `NetworkError` (it could not be reached).
 */
import type {
  ApprovalState,
  ApprovedText,
  Attribution,
  CommentText,
  Decision,
  DocumentDiff,
  NewDecision,
  NewThread,
  NewVersion,
  Person,
  ReviewHistory,
  Submission,
  Thread,
  Version,
  VersionRef,
  VersionWithContent,
} from '../../../shared/api';
import { request } from '../api';

const section = (id: string) => `/sections/${encodeURIComponent(id)}`;

export const requests = {
  /** The people directory; a coordinator's answer has more fields, which the section page ignores. */
  people: () => request<Person[]>('GET', '/people'),

  /** A section's threads: on its source text, or with `lang` on that translation (#19). */
  threads: (sectionId: string, lang?: string) =>
    request<Thread[]>('GET', `${section(sectionId)}/threads${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`),
  startThread: (sectionId: string, input: NewThread) => request<Thread>('POST', `${section(sectionId)}/threads`, input),
  reply: (threadId: number, input: CommentText) => request<Thread>('POST', `/threads/${threadId}/comments`, input),
  resolve: (threadId: number) => request<Thread>('POST', `/threads/${threadId}/resolve`),
  reopen: (threadId: number) => request<Thread>('POST', `/threads/${threadId}/reopen`),
  editComment: (commentId: number, input: CommentText) => request<Thread>('PATCH', `/comments/${commentId}`, input),
  deleteComment: (commentId: number) => request<Thread>('DELETE', `/comments/${commentId}`),

  reviews: (sectionId: string) => request<ReviewHistory>('GET', `${section(sectionId)}/reviews`),
  submit: (sectionId: string, message: string) =>
    request<ApprovalState>('POST', `${section(sectionId)}/submit`, { message } satisfies Submission),
  withdraw: (sectionId: string) => request<ApprovalState>('POST', `${section(sectionId)}/withdraw`),
  decide: (sectionId: string, decision: Decision, message: string) =>
    request<ApprovalState>('POST', `${section(sectionId)}/decision`, { decision, message } satisfies NewDecision),
  approved: (sectionId: string) => request<ApprovedText | null>('GET', `${section(sectionId)}/approved`),
  changesSinceApproval: (sectionId: string) => request<DocumentDiff>('GET', `${section(sectionId)}/changes-since-approval`),

  versions: (sectionId: string) => request<Version[]>('GET', `${section(sectionId)}/versions`),
  saveVersion: (sectionId: string, label: string) =>
    request<Version>('POST', `${section(sectionId)}/versions`, { label } satisfies NewVersion),
  version: (id: number) => request<VersionWithContent>('GET', `/versions/${id}`),
  compare: (sectionId: string, from: VersionRef, to: VersionRef) =>
    request<DocumentDiff>('GET', `${section(sectionId)}/compare?from=${from}&to=${to}`),
  restore: (id: number) => request<Version>('POST', `/versions/${id}/restore`),
  attribution: (sectionId: string) => request<Attribution>('GET', `${section(sectionId)}/attribution`),
};
