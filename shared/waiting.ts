/**
 * "Waiting for me": which sections need the signed-in person to act next, by role. Shared so the
 * dashboard filter and its tests agree.
 */
import { type Actor, maySection, type SectionRef } from './policy';

export interface ReviewPicture {
  status: 'draft' | 'in_review' | 'changes_requested' | 'approved';
  stale: boolean;
  round: number;
  organisations: Record<string, { decision: string; round: number; current: boolean } | null>;
}

export function isWaitingFor(person: Actor, section: SectionRef, approval: ReviewPicture): boolean {
  const needsRework = approval.status === 'changes_requested' || (approval.status === 'approved' && approval.stale);
  switch (person.role) {
    case 'reviewer': {
      if (approval.status !== 'in_review' || !maySection(person, 'decide', section)) return false;
      const mine = approval.organisations[person.group];
      return !(mine && mine.round === approval.round && mine.current);
    }
    case 'lead':
      // A lead acts on rework, and on a draft that has never been sent.
      return maySection(person, 'submit', section) && (needsRework || (approval.status === 'draft' && approval.round === 0));
    case 'member':
      return maySection(person, 'edit', section) && needsRework;
    case 'coordinator':
      return !(approval.status === 'approved' && !approval.stale);
  }
}
