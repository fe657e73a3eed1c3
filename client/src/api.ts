/**
 * The JSON API as the pages see it: typed calls, and two kinds of failure a page can explain —
 * the server said no (`ApiError`, with its status and code) or the server could not be reached
 * (`NetworkError`).
 */
import type {
  ApiErrorBody,
  ApprovedText,
  AuditPage,
  AuditQuery,
  CreatedInvitation,
  DashboardOverview,
  ExportJob,
  ExportRequest,
  Invitation,
  InvitationAcceptance,
  ManagedPerson,
  MarkRead,
  Me,
  MeChange,
  NewInvitation,
  NotificationList,
  PersonChange,
  Section,
  SettingsChange,
  SignIn,
  UnreadCount,
  WorkspaceSettings,
} from '../../shared/api';
import type { Locale } from '../../shared/i18n';
import { keepsCopies } from './offline/device';
import { KEEP_HEADER, OFFLINE_COPY_HEADER } from './offline/names';
import { noteRead } from './offline/first-visit';
import { noteAnswer } from './offline/offline-notice';

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
      headers: method === 'GET' ? readHeaders() : { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  // The service worker answered from this device's copy (the network failed), or not: the page says so.
  noteAnswer(response.headers.get(OFFLINE_COPY_HEADER));
  if (method === 'GET' && response.ok) noteRead(`/api${route}`);
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: fall through to the status below.
  }
  if (!response.ok) {
    // Our refusals are ApiErrorBody; a proxy's may be anything, so each field is checked.
    const error = (json ?? {}) as Partial<Record<keyof ApiErrorBody, unknown>>;
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

/** A read asks the service worker not to keep its answer when this device keeps nothing. */
function readHeaders(): Record<string, string> {
  return keepsCopies() ? { Accept: 'application/json' } : { Accept: 'application/json', [KEEP_HEADER]: 'no' };
}

export const api = {
  signIn: (email: string, password: string) => request<Me>('POST', '/session', { email, password } satisfies SignIn),
  signOut: () => request<null>('DELETE', '/session'),
  me: () => request<Me>('GET', '/me'),
  setLocale: (locale: Locale) => request<Me>('PATCH', '/me', { locale } satisfies MeChange),
  sections: () => request<Section[]>('GET', '/sections'),
  section: (id: string) => request<Section>('GET', `/sections/${encodeURIComponent(id)}`),
  dashboard: () => request<DashboardOverview>('GET', '/dashboard'),
  setSettings: (change: SettingsChange) => request<WorkspaceSettings>('PATCH', '/settings', change),
  approved: (id: string) => request<ApprovedText | null>('GET', `/sections/${encodeURIComponent(id)}/approved`),
  notifications: () => request<NotificationList>('GET', '/notifications'),
  markRead: (ids: MarkRead['ids']) => request<UnreadCount>('POST', '/notifications/read', { ids } satisfies MarkRead),
  /** Everyone, as a coordinator sees them: only the people page (coordinators only) asks. */
  people: () => request<ManagedPerson[]>('GET', '/people'),
  changePerson: (id: number, change: PersonChange) => request<ManagedPerson>('PATCH', `/people/${id}`, change),
  invitations: () => request<Invitation[]>('GET', '/invitations'),
  invite: (invitation: NewInvitation) => request<CreatedInvitation>('POST', '/invitations', invitation),
  openInvitation: (token: string) => request<Invitation>('GET', `/invitations/${encodeURIComponent(token)}`),
  acceptInvitation: (token: string, name: string, password: string) =>
    request<Me>('POST', `/invitations/${encodeURIComponent(token)}/accept`, { name, password } satisfies InvitationAcceptance),
  audit: (query: AuditQuery) => {
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
