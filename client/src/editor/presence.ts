/**
 * Who is in the section, from the awareness states the server relays. One entry per person even
 * when they have the section open twice; names and colours were stamped by the server.
 */
import type { Awareness } from 'y-protocols/awareness';
import { safeColour } from '../colour';

export interface PresentPerson {
  key: string;
  name: string;
  colour: string;
  self: boolean;
}

interface AwarenessUser {
  id?: unknown;
  name?: unknown;
  color?: unknown;
}

export function presentPeople(awareness: Awareness, myId: number): PresentPerson[] {
  const people = new Map<string, PresentPerson>();
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: AwarenessUser }).user;
    if (!user || typeof user.name !== 'string') continue;
    const self = clientId === awareness.clientID || user.id === myId;
    const key = typeof user.id === 'number' ? `person-${user.id}` : `client-${clientId}`;
    if (!people.has(key)) people.set(key, { key, name: user.name, colour: safeColour(user.color), self });
  }
  return [...people.values()].sort(
    (a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name),
  );
}
