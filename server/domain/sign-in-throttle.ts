/**
 * Slows down password guessing: after a few failures for one e-mail or from one address, each
 * further attempt must wait twice as long as the one before, up to fifteen minutes.
 */
const FREE_FAILURES = 5;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

interface Failures {
  count: number;
  last: number;
}

export class SignInThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds to wait before another attempt is heard for any of these keys; 0 when free. */
  waitMs(keys: string[]): number {
    let wait = 0;
    for (const key of keys) {
      const entry = this.failures.get(key);
      if (!entry || entry.count < FREE_FAILURES) continue;
      const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (entry.count - FREE_FAILURES));
      wait = Math.max(wait, entry.last + delay - this.now());
    }
    return Math.max(0, wait);
  }

  failed(keys: string[]): void {
    const now = this.now();
    for (const key of keys) {
      const entry = this.failures.get(key);
      const fresh = !entry || now - entry.last > FORGET_AFTER_MS;
      this.failures.set(key, { count: fresh ? 1 : entry.count + 1, last: now });
    }
    if (this.failures.size > 10_000) this.forgetOld(now);
  }

  succeeded(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private forgetOld(now: number): void {
    for (const [key, entry] of this.failures) if (now - entry.last > FORGET_AFTER_MS) this.failures.delete(key);
  }
}
