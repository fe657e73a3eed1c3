/**
 * The client's side of who is what: the signed-in person as the policy module's actor, and which
 * groups a role may belong to (the selects offer only memberships the server would accept).
 */
import type { Me } from '../../../shared/api';
import { type Actor, isValidMembership } from '../../../shared/policy';
import { GROUPS, type GroupCode, type Role } from '../../../shared/workspace';

/** A signed-in person is active: the server ends the session of whoever is deactivated. */
export function actorOf(me: Me): Actor {
  return { id: me.id, role: me.role, group: me.group, active: true };
}

export function groupsFor(role: Role): GroupCode[] {
  return GROUPS.filter((group) => isValidMembership(role, group));
}

/** The group to keep when the role changes: the same one if it still fits, else the first that does. */
export function groupAfterRoleChange(role: Role, group: GroupCode): GroupCode {
  return isValidMembership(role, group) ? group : groupsFor(role)[0];
}
