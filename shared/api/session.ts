/** Signing in and out (`/api/session`), and the signed-in person's own record (`/api/me`). */
import type { Locale } from '../i18n';
import type { GroupCode, Role } from '../workspace';

/** `POST /api/session`: answered with `Me` and a session cookie, or 401 `bad-credentials`. */
export interface SignIn {
  email: string;
  password: string;
}

/**
 * The signed-in person as they see themselves (`POST /api/session`, `GET`/`PATCH /api/me`,
 * accepting an invitation). The only place a person's e-mail reaches someone who is not a
 * coordinator: it is their own.
 */
export interface Me {
  id: number;
  email: string;
  name: string;
  role: Role;
  group: GroupCode;
  colour: string;
  locale: Locale;
  /** The identity of the workspace's data: the browser names its local copies with it. */
  workspace: string;
}

/** `PATCH /api/me`: what people may change about themselves (their language); answered with `Me`. */
export interface MeChange {
  locale: Locale;
}
