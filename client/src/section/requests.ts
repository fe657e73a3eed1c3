/**
 * The section page's calls to the server beyond the section itself: comment threads, the people
 * directory (authors, mentions), the review workflow and the version history. Failures are the
 * same two kinds the rest of the client explains: `ApiError` (the server said no) and
 * `NetworkError` (it could not be reached).
 */
import type { EncodedAnchor } from '../../../shared/anchors';
import type { DocumentDiff } from '../../../shared/document-diff';
import type { GroupCode, Role, SectionStatus } from '../../../shared/workspace';
import { request } from '../api';

export interface Person {
  id: number;
  name: string;
  role: Role;
  group: GroupCode;
  colour: string;
}

export interface Comment {
  id: number;
  threadId: number;
  authorId: number;
  body: string;
  mentions: number[];
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
}

export interface Thread {
  id: number;
  sectionId: string;
  anchor: EncodedAnchor;
  quote: string;
  createdBy: number;
  createdAt: string;
  resolved: { at: string; by: number | null } | null;
  comments: Comment[];
}

export type Decision = 'approved' | 'changes_requested';

export interface ReviewDecision {
  id: number;
  reviewerId: number;
  reviewerName: string;
  organisation: string;
  decision: Decision;
  message: string;
  round: number;
  contentHash: string;
  createdAt: string;
  /** Present on the approval state: did this decision judge the text as it is now? */
  current?: boolean;
}

export interface ApprovalState {
  status: SectionStatus;
  /** Approved, and the text changed since: it needs approving again. */
  stale: boolean;
  round: number;
  /** The required organisations, each with its latest decision. */
  organisations: Record<string, (ReviewDecision & { current: boolean }) | null>;
}

export type ReviewEvent =
  | ({ type: 'decision' } & ReviewDecision)
  | { type: 'submitted' | 'withdrawn'; id: number; actorId: number; actorName: string; message: string; round: number; createdAt: string };

export interface Reviews {
  state: ApprovalState;
  /** Newest first. */
  history: ReviewEvent[];
}

/** A section's row on the dashboard, as 'section:updated' announces it. */
export interface SectionRow {
  id: string;
  approval: ApprovalState;
  openComments: number;
}

export type VersionKind = 'named' | 'submission' | 'approval' | 'auto' | 'restore';

export interface Version {
  id: number;
  sectionId: string;
  kind: VersionKind;
  label: string;
  createdBy: { id: number; name: string } | null;
  authors: { id: number; name: string }[];
  words: number;
  insertions: number;
  deletions: number;
  contentHash: string;
  createdAt: string;
  size: number;
}

/** ProseMirror JSON of a whole section. */
export type DocumentJson = Record<string, unknown>;

export interface Attribution {
  blocks: { kind: string; level: number | null; runs: { text: string; personId: number | null }[] }[];
  people: { id: number; name: string; colour: string; characters: number }[];
}

/** Either end of a comparison: a saved version, or the text as it is now. */
export type VersionRef = number | 'current';

const section = (id: string) => `/sections/${encodeURIComponent(id)}`;

export const requests = {
  people: () => request<Person[]>('GET', '/people'),

  threads: (sectionId: string) => request<Thread[]>('GET', `${section(sectionId)}/threads`),
  startThread: (sectionId: string, input: { anchor: EncodedAnchor; quote: string; body: string; mentions: number[] }) =>
    request<Thread>('POST', `${section(sectionId)}/threads`, input),
  reply: (threadId: number, input: { body: string; mentions: number[] }) =>
    request<Thread>('POST', `/threads/${threadId}/comments`, input),
  resolve: (threadId: number) => request<Thread>('POST', `/threads/${threadId}/resolve`),
  reopen: (threadId: number) => request<Thread>('POST', `/threads/${threadId}/reopen`),
  editComment: (commentId: number, input: { body: string; mentions: number[] }) =>
    request<Thread>('PATCH', `/comments/${commentId}`, input),
  deleteComment: (commentId: number) => request<Thread>('DELETE', `/comments/${commentId}`),

  reviews: (sectionId: string) => request<Reviews>('GET', `${section(sectionId)}/reviews`),
  submit: (sectionId: string, message: string) => request<ApprovalState>('POST', `${section(sectionId)}/submit`, { message }),
  withdraw: (sectionId: string) => request<ApprovalState>('POST', `${section(sectionId)}/withdraw`),
  decide: (sectionId: string, decision: Decision, message: string) =>
    request<ApprovalState>('POST', `${section(sectionId)}/decision`, { decision, message }),
  approved: (sectionId: string) =>
    request<{ content: DocumentJson; hash: string; reviews: ReviewDecision[] }>('GET', `${section(sectionId)}/approved`),
  changesSinceApproval: (sectionId: string) => request<DocumentDiff>('GET', `${section(sectionId)}/changes-since-approval`),

  versions: (sectionId: string) => request<Version[]>('GET', `${section(sectionId)}/versions`),
  saveVersion: (sectionId: string, label: string) => request<Version>('POST', `${section(sectionId)}/versions`, { label }),
  version: (id: number) => request<Version & { content: DocumentJson }>('GET', `/versions/${id}`),
  compare: (sectionId: string, from: VersionRef, to: VersionRef) =>
    request<DocumentDiff>('GET', `${section(sectionId)}/compare?from=${from}&to=${to}`),
  restore: (id: number) => request<Version>('POST', `/versions/${id}/restore`),
  attribution: (sectionId: string) => request<Attribution>('GET', `${section(sectionId)}/attribution`),
};
