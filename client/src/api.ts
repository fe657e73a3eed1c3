/**
 * The JSON API as the pages see it: typed calls, and two kinds of failure a page can explain —
 * the server said no (`ApiError`, with its status and code) or the server could not be reached
 * (`NetworkError`).
 */
import type { Locale } from '../../shared/i18n';
import type { CountryGroup, GroupCode, ReviewOrganisation, Role, SectionStatus } from '../../shared/workspace';

export interface Me {
  id: number;
  email: string;
  name: string;
  role: Role;
  group: GroupCode;
  colour: string;
  locale: Locale;
}

export interface SectionPermissions {
  edit: boolean;
  comment: boolean;
  submit: boolean;
  decide: boolean;
}

export interface Section {
  id: string;
  part: 1 | 2;
  position: number;
  title: string;
  group: CountryGroup | null;
  status: SectionStatus;
  permissions: SectionPermissions;
}

/** One organisation's latest decision on a section; `current` when it judged the text as it is now. */
export interface Decision {
  reviewerName: string;
  organisation: string;
  decision: 'approved' | 'changes_requested';
  createdAt: string;
  round: number;
  current: boolean;
}

export interface Approval {
  status: SectionStatus;
  /** Approved, and the text has changed since. */
  stale: boolean;
  round: number;
  organisations: Record<string, Decision | null>;
}

/** A section as the dashboard shows it (also pushed live as 'section:updated'). */
export interface DashboardRow {
  id: string;
  part: 1 | 2;
  position: number;
  title: string;
  group: CountryGroup | null;
  approval: Approval;
  openComments: number;
  lastEdit: { at: string; by: string } | null;
  words: number;
}

export interface WorkspaceSettings {
  deadline: string;
  requiredOrganisations: ReviewOrganisation[];
}

export interface DashboardOverview extends WorkspaceSettings {
  today: string;
  daysLeft: number;
  sections: DashboardRow[];
}

export type NotificationKind = 'mention' | 'submitted' | 'changes-requested' | 'approved' | 'approval-stale';

export interface Notification {
  id: number;
  kind: NotificationKind;
  sectionId: string | null;
  threadId: number | null;
  actorId: number | null;
  excerpt: string;
  createdAt: string;
  read: boolean;
}

/** A colleague; coordinators also get the fields after `colour`. */
export interface Person {
  id: number;
  name: string;
  role: Role;
  group: GroupCode;
  colour: string;
  email?: string;
  active?: boolean;
  lastActiveAt?: string | null;
  createdAt?: string;
}

export interface PersonChange {
  role?: Role;
  group?: GroupCode;
  name?: string;
  active?: boolean;
}

export interface Invitation {
  email: string;
  role: Role;
  group: GroupCode;
  expiresAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown>;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  chainIntact: boolean;
}

export interface ApprovedText {
  /** ProseMirror JSON of the approved text. */
  content: unknown;
  hash: string;
  reviews: { organisation: string; reviewerName: string; createdAt: string; contentHash: string }[];
}

export type ExportFormat = 'docx' | 'pdf' | 'html' | 'md';

export interface ExportRequest {
  /** 'master' or a section id. */
  scope: string;
  state: 'current' | 'approved';
  format: ExportFormat;
  includeComments?: boolean;
  includeApprovalRecord?: boolean;
  /** The language of the document's fixed labels (headings like "Approval record"). */
  locale?: Locale;
}

export interface ExportJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  fileName: string;
  /** Why it failed, in words a person can act on. */
  error?: string | null;
  /** When the file stops being downloadable. */
  expiresAt?: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    /** Seconds from a Retry-After header, when the server throttled us. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

export class NetworkError extends Error {}

/** One JSON call to the API; refusals become ApiError, an unreachable server NetworkError. */
export async function request<T>(method: string, route: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${route}`, {
      method,
      credentials: 'same-origin',
      // The server accepts a state change only as JSON (its CSRF defence), even a body-less DELETE.
      headers: method === 'GET' ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: fall through to the status below.
  }
  if (!response.ok) {
    const error = (json ?? {}) as { error?: unknown; code?: unknown };
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(
      response.status,
      typeof error.code === 'string' ? error.code : null,
      typeof error.error === 'string' ? error.error : response.statusText,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
  return json as T;
}

export const api = {
  signIn: (email: string, password: string) => request<Me>('POST', '/session', { email, password }),
  signOut: () => request<null>('DELETE', '/session'),
  me: () => request<Me>('GET', '/me'),
  setLocale: (locale: Locale) => request<Me>('PATCH', '/me', { locale }),
  sections: () => request<Section[]>('GET', '/sections'),
  section: (id: string) => request<Section>('GET', `/sections/${encodeURIComponent(id)}`),
  dashboard: () => request<DashboardOverview>('GET', '/dashboard'),
  setSettings: (change: Partial<WorkspaceSettings>) => request<WorkspaceSettings>('PATCH', '/settings', change),
  approved: (id: string) => request<ApprovedText>('GET', `/sections/${encodeURIComponent(id)}/approved`),
  notifications: () => request<{ items: Notification[]; unread: number }>('GET', '/notifications'),
  markRead: (ids: number[] | 'all') => request<{ unread: number }>('POST', '/notifications/read', { ids }),
  people: () => request<Person[]>('GET', '/people'),
  changePerson: (id: number, change: PersonChange) => request<Person>('PATCH', `/people/${id}`, change),
  invitations: () => request<Invitation[]>('GET', '/invitations'),
  invite: (invitation: Omit<Invitation, 'expiresAt'>) => request<Invitation & { link: string }>('POST', '/invitations', invitation),
  openInvitation: (token: string) => request<Invitation>('GET', `/invitations/${encodeURIComponent(token)}`),
  acceptInvitation: (token: string, name: string, password: string) =>
    request<Me>('POST', `/invitations/${encodeURIComponent(token)}/accept`, { name, password }),
  audit: (query: { action?: string; before?: number; limit?: number }) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
    const search = params.toString();
    return request<AuditPage>('GET', `/audit${search ? `?${search}` : ''}`);
  },
  startExport: (job: ExportRequest) => request<ExportJob>('POST', '/exports', job),
  exportJob: (id: string) => request<ExportJob>('GET', `/exports/${encodeURIComponent(id)}`),
};

/** Where the finished file of an export job is downloaded from (a plain link, not fetch). */
export function exportFileUrl(id: string): string {
  return `/api/exports/${encodeURIComponent(id)}/file`;
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
