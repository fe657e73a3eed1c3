/** The people directory and people management (`/api/people`). */
import type { GroupCode, Role } from '../workspace';

/** What everyone may see of a colleague: enough for presence, mentions and attribution. */
export interface Person {
  id: number;
  name: string;
  role: Role;
  group: GroupCode;
  colour: string;
}

/** What a coordinator managing people sees of each: also the e-mail and the account's life. */
export interface ManagedPerson extends Person {
  email: string;
  active: boolean;
  /** ISO 8601; null until they first did something. */
  lastActiveAt: string | null;
  createdAt: string;
}

/**
 * `GET /api/people`: a coordinator (who may manage people) gets everyone, deactivated people
 * included, as `ManagedPerson`; everyone else gets the active colleagues as `Person`.
 */
export type PeopleList = ManagedPerson[] | Person[];

/** `PATCH /api/people/:id` (coordinators): at least one field; answered with the `ManagedPerson`. */
export interface PersonChange {
  role?: Role;
  group?: GroupCode;
  name?: string;
  active?: boolean;
}
