/**
 * Slows down password guessing: after a few failures for one e-mail, or many from one address,
 * each further attempt must wait twice as long as the one before, up to fifteen minutes. An
 * address gets more room than an account: a whole working group may sit behind one office NAT.
 */
const FREE_FAILURES_PER_ACCOUNT = 5;
const FREE_FAILURES_PER_ADDRESS = 30;
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

  /** Milliseconds to wait before another attempt is heard for any of these keys (`email:…`, `ip:…`); 0 when free. */
  waitMs(keys: string[]): number {
    let wait = 0;
    for (const key of keys) {
      const entry = this.failures.get(key);
      const free = key.startsWith('ip:') ? FREE_FAILURES_PER_ADDRESS : FREE_FAILURES_PER_ACCOUNT;
      if (!entry || entry.count < free) continue;
      const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (entry.count - free));
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
