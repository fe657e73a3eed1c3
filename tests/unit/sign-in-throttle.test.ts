import { type Admission, SignInThrottle } from '../../server/domain/sign-in-throttle';

describe('sign-in throttle', () => {
  let now = 0;
  const throttle = () => new SignInThrottle(() => now);
  beforeEach(() => {
    now = 1_000_000;
  });
  const fail = (t: SignInThrottle, email = 'a@b.c', address = '10.0.0.1') => {
    const admission = t.admit(email, address);
    if (!admission.admitted) throw new Error(`throttled for ${admission.waitMs} ms`);
    admission.attempt.failed();
  };
  const waitOf = (admission: Admission) => (admission.admitted ? 0 : admission.waitMs);
  /** Whether an attempt would be heard now, without making one. */
  const open = (t: SignInThrottle, email = 'a@b.c', address = '10.0.0.1') => t.waitMs(email, address) === 0;

  test('five wrong passwords for an account from one address are free; then each wait doubles', () => {
    const t = throttle();
    for (let i = 0; i < 5; i++) fail(t);
    expect(waitOf(t.admit('a@b.c', '10.0.0.1'))).toBe(1000);
    now += 1000;
    fail(t);
    expect(waitOf(t.admit('a@b.c', '10.0.0.1'))).toBe(2000);
    now += 2000;
    fail(t);
    expect(waitOf(t.admit('a@b.c', '10.0.0.1'))).toBe(4000);
    now += 4000;
    expect(t.admit('a@b.c', '10.0.0.1').admitted).toBe(true);
  });

  test('attempts are counted when heard, before their passwords are checked: a concurrent burst gets five checks', () => {
    const t = throttle();
    const admissions = Array.from({ length: 200 }, () => t.admit('victim@kz.test', '203.0.113.9'));
    expect(admissions.filter((admission) => admission.admitted)).toHaveLength(5);
  });

  test('a flood of wrong passwords from elsewhere never locks the person out of their own address', () => {
    const t = throttle();
    for (let i = 0; i < 5; i++) fail(t, 'victim@kz.test', '203.0.113.9');
    expect(open(t, 'victim@kz.test', '203.0.113.9')).toBe(false);
    expect(open(t, 'victim@kz.test', '10.20.30.40')).toBe(true);
  });

  test('the wait never exceeds fifteen minutes', () => {
    const t = throttle();
    for (let i = 0; i < 40; i++) {
      fail(t);
      now += 16 * 60_000 - 1;
    }
    const admission = t.admit('a@b.c', '10.0.0.1');
    expect(waitOf(admission)).toBeLessThanOrEqual(15 * 60_000);
  });

  test('one address gets thirty failures over many accounts before it waits, so an office NAT is not locked out by one person', () => {
    const t = throttle();
    for (let i = 0; i < 29; i++) fail(t, `person${i}@b.c`);
    expect(open(t, 'new@b.c')).toBe(true);
    fail(t, 'another@b.c');
    expect(t.waitMs('new@b.c', '10.0.0.1')).toBe(1000);
  });

  test('the right password forgets the guesses for that account from there, not the address’s count', () => {
    const t = throttle();
    for (let i = 0; i < 4; i++) fail(t);
    const right = t.admit('a@b.c', '10.0.0.1');
    if (!right.admitted) throw new Error('throttled');
    right.attempt.succeeded();
    for (let i = 0; i < 4; i++) fail(t);
    expect(open(t)).toBe(true);
    for (let i = 0; i < 22; i++) fail(t, `spray${i}@b.c`);
    // 4 + 4 + 22 = 30 failures from this address, whatever succeeded in between.
    expect(open(t, 'else@b.c')).toBe(false);
  });

  test('an hour of quiet forgets the failures', () => {
    const t = throttle();
    for (let i = 0; i < 6; i++) {
      fail(t);
      now += 60_000;
    }
    now += 61 * 60_000;
    expect(open(t)).toBe(true);
  });

  test('a result reported twice counts once', () => {
    const t = throttle();
    const admission = t.admit('a@b.c', '10.0.0.1');
    if (!admission.admitted) throw new Error('throttled');
    for (let i = 0; i < 10; i++) admission.attempt.failed();
    for (let i = 0; i < 3; i++) fail(t);
    expect(open(t)).toBe(true);
    fail(t);
    expect(open(t)).toBe(false);
  });
});
