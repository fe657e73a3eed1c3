/**
 * The colleagues the comments speak of: authors' names and colours, and who can be mentioned.
 * Read from the people directory with the threads, and again when a comment arrives from
 * somebody not in it yet (a new colleague).
 */
import type { Person } from '../../../shared/api';
import { requests } from './requests';

export class PeopleDirectory {
  private readonly people = new Map<number, Person>();

  /** Takes the directory as the server returned it. */
  fill(people: readonly Person[]): void {
    this.people.clear();
    for (const person of people) this.people.set(person.id, person);
  }

  has(id: number): boolean {
    return this.people.has(id);
  }

  find(id: number | null): Person | null {
    return id === null ? null : (this.people.get(id) ?? null);
  }

  /** Everyone but `me`, by name: who may be mentioned. */
  others(me: number | undefined): Person[] {
    return [...this.people.values()].filter((person) => person.id !== me).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Reads the directory again; true when it could. */
  async refresh(): Promise<boolean> {
    try {
      this.fill(await requests.people());
      return true;
    } catch {
      // Names stay "a former participant" until the next load; nothing else depends on them.
      return false;
    }
  }
}
