/**
 * Slows down password guessing without letting anyone lock a colleague out.
 *
 * Attempts are counted per (account, address) pair and per address, from the moment an attempt is
 * heard, before its password is checked: a burst of concurrent guesses is counted as it arrives,
 * so only the first few are checked at all. After a few failures for one account from one address,
 * or many from one address (for any accounts), each further attempt from there must wait twice as
 * long as the one before, up to fifteen minutes. Nothing is counted per account alone: a flood of
 * wrong passwords for someone's e-mail from elsewhere slows that elsewhere down, never the person.
 * An address gets more room than a pair: a whole working group may sit behind one office NAT.
 */
const FREE_FAILURES_PER_PAIR = 5;
const FREE_FAILURES_PER_ADDRESS = 30;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

interface Count {
  failures: number;
  /** Attempts heard whose password is still being checked. */
  pending: number;
  last: number;
}

/** One admitted attempt: report its result once the password has been checked. */
export interface SignInAttempt {
  succeeded(): void;
  failed(): void;
}

export type Admission = { admitted: true; attempt: SignInAttempt } | { admitted: false; waitMs: number };

export class SignInThrottle {
  private readonly counts = new Map<string, Count>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Hears an attempt for `email` from `address`: admitted (and counted as pending until its result
   * is reported), or told how long to wait.
   */
  admit(email: string, address: string): Admission {
    const now = this.now();
    const keys = keysOf(email, address);
    const wait = this.waitOf(keys, now);
    if (wait > 0) return { admitted: false, waitMs: wait };
    for (const { key } of keys) {
      const count = this.fresh(key, now);
      count.pending++;
      count.last = now;
    }
    let reported = false;
    const settle = (failed: boolean) => {
      if (reported) return;
      reported = true;
      const at = this.now();
      for (const { key, pair } of keys) {
        const count = this.fresh(key, at);
        count.pending = Math.max(0, count.pending - 1);
        if (failed) {
          count.failures++;
          count.last = at;
        } else if (pair) {
          // The right password from this address: its guesses for this account are forgotten. The
          // address's own count stays, so one known account cannot reset it between guesses.
          count.failures = 0;
        }
        if (count.failures === 0 && count.pending === 0) this.counts.delete(key);
      }
      if (this.counts.size > 10_000) this.forgetOld(at);
    };
    return { admitted: true, attempt: { succeeded: () => settle(false), failed: () => settle(true) } };
  }

  /** How long an attempt for `email` from `address` would have to wait now (0: it would be heard). Counts nothing. */
  waitMs(email: string, address: string): number {
    return this.waitOf(keysOf(email, address), this.now());
  }

  private waitOf(keys: ReturnType<typeof keysOf>, now: number): number {
    return Math.max(0, ...keys.map(({ key, free }) => this.waitFor(key, free, now)));
  }

  private waitFor(key: string, free: number, now: number): number {
    const count = this.counts.get(key);
    if (!count || now - count.last > FORGET_AFTER_MS) return 0;
    const heard = count.failures + count.pending;
    if (heard < free) return 0;
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (heard - free));
    return Math.max(0, count.last + delay - now);
  }

  private fresh(key: string, now: number): Count {
    let count = this.counts.get(key);
    if (!count || (now - count.last > FORGET_AFTER_MS && count.pending === 0)) {
      count = { failures: 0, pending: 0, last: now };
      this.counts.set(key, count);
    }
    return count;
  }

  private forgetOld(now: number): void {
    for (const [key, count] of this.counts) {
      if (count.pending === 0 && now - count.last > FORGET_AFTER_MS) this.counts.delete(key);
    }
  }
}

function keysOf(email: string, address: string) {
  return [
    { key: `pair:${email.trim().toLowerCase()} ${address}`, free: FREE_FAILURES_PER_PAIR, pair: true },
    { key: `ip:${address}`, free: FREE_FAILURES_PER_ADDRESS, pair: false },
  ];
}
