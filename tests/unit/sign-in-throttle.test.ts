import { SignInThrottle } from '../../server/domain/sign-in-throttle';

describe('sign-in throttle', () => {
  let now = 0;
  const throttle = () => new SignInThrottle(() => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  test('five wrong passwords for an account are free; then each wait doubles', () => {
    const t = throttle();
    const keys = ['email:a@b.c'];
    for (let i = 0; i < 5; i++) {
      expect(t.waitMs(keys)).toBe(0);
      t.failed(keys);
    }
    expect(t.waitMs(keys)).toBe(1000);
    t.failed(keys);
    expect(t.waitMs(keys)).toBe(2000);
    t.failed(keys);
    expect(t.waitMs(keys)).toBe(4000);
    now += 4000;
    expect(t.waitMs(keys)).toBe(0);
  });

  test('the wait never exceeds fifteen minutes', () => {
    const t = throttle();
    for (let i = 0; i < 40; i++) t.failed(['email:a@b.c']);
    expect(t.waitMs(['email:a@b.c'])).toBe(15 * 60_000);
  });

  test('one address gets thirty failures before it waits, so an office NAT is not locked out by one person', () => {
    const t = throttle();
    for (let i = 0; i < 29; i++) t.failed(['ip:10.0.0.1']);
    expect(t.waitMs(['ip:10.0.0.1'])).toBe(0);
    t.failed(['ip:10.0.0.1']);
    expect(t.waitMs(['ip:10.0.0.1'])).toBe(1000);
  });

  test('a success forgets the failures; an hour of quiet forgets them too', () => {
    const t = throttle();
    for (let i = 0; i < 6; i++) t.failed(['email:a@b.c']);
    t.succeeded(['email:a@b.c']);
    expect(t.waitMs(['email:a@b.c'])).toBe(0);
    for (let i = 0; i < 6; i++) t.failed(['email:x@y.z']);
    now += 61 * 60_000;
    t.failed(['email:x@y.z']);
    expect(t.waitMs(['email:x@y.z'])).toBe(0);
  });
});
