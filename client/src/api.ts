/**
 * The JSON API as the pages see it: typed calls, and two kinds of failure a page can explain —
 * the server said no (`ApiError`, with its status and code) or the server could not be reached
 * (`NetworkError`).
 */
import type { Locale } from '../../shared/i18n';
import type { CountryGroup, GroupCode, Role, SectionStatus } from '../../shared/workspace';

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

async function request<T>(method: string, route: string, body?: unknown): Promise<T> {
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
};

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
