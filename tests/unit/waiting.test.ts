import type { Actor } from '../../shared/policy';
import { type ReviewPicture, isWaitingFor } from '../../shared/waiting';

const KZ = { id: 'national-kz', part: 2 as const, group: 'KZ' as const };
const person = (role: Actor['role'], group: Actor['group']): Actor => ({ id: 1, role, group, active: true });
const picture = (over: Partial<ReviewPicture>): ReviewPicture => ({
  status: 'draft',
  stale: false,
  round: 1,
  organisations: { IOM: null, TSPC: null },
  ...over,
});

describe('waiting for me', () => {
  test('a section in review waits for each organisation that has not judged its current text', () => {
    const inReview = picture({
      status: 'in_review',
      organisations: { IOM: { decision: 'approved', round: 1, current: true }, TSPC: null },
    });
    expect(isWaitingFor(person('reviewer', 'IOM'), KZ, inReview)).toBe(false);
    expect(isWaitingFor(person('reviewer', 'TSPC'), KZ, inReview)).toBe(true);
  });

  test('an IOM approval of an earlier text does not count in a new round', () => {
    const resubmitted = picture({
      status: 'in_review',
      round: 2,
      organisations: { IOM: { decision: 'approved', round: 1, current: false }, TSPC: null },
    });
    expect(isWaitingFor(person('reviewer', 'IOM'), KZ, resubmitted)).toBe(true);
  });

  test('changes requested wait for the owning group, not for another country', () => {
    const rework = picture({ status: 'changes_requested' });
    expect(isWaitingFor(person('member', 'KZ'), KZ, rework)).toBe(true);
    expect(isWaitingFor(person('lead', 'KZ'), KZ, rework)).toBe(true);
    expect(isWaitingFor(person('member', 'UZ'), KZ, rework)).toBe(false);
    expect(isWaitingFor(person('reviewer', 'IOM'), KZ, rework)).toBe(false);
  });

  test('an approval gone stale waits for the group again; a fresh one waits for nobody', () => {
    expect(isWaitingFor(person('lead', 'KZ'), KZ, picture({ status: 'approved', stale: true }))).toBe(true);
    expect(isWaitingFor(person('coordinator', 'IOM'), KZ, picture({ status: 'approved', stale: true }))).toBe(true);
    expect(isWaitingFor(person('coordinator', 'IOM'), KZ, picture({ status: 'approved' }))).toBe(false);
    expect(isWaitingFor(person('member', 'KZ'), KZ, picture({ status: 'approved' }))).toBe(false);
  });

  test('a draft never sent waits for its lead, not its members', () => {
    const fresh = picture({ status: 'draft', round: 0 });
    expect(isWaitingFor(person('lead', 'KZ'), KZ, fresh)).toBe(true);
    expect(isWaitingFor(person('member', 'KZ'), KZ, fresh)).toBe(false);
  });
});
