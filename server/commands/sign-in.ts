/**
 * Signing in: the throttle hears the attempt first (and counts it), then the password is
 * checked; a failure is audited, a success starts a new session (whatever session the browser had
 * ends: the id is rotated at every sign-in) and is audited with it. The right password of a
 * deactivated account is refused with 403 `deactivated` (and audited as a failure): said only after
 * the check, so it tells nothing to someone guessing. The caller only hands the token to the browser.
 */
import { DomainError } from '../domain/errors';
import type { PersonRecord } from '../domain/people';
import type { CommandContext } from './context';
import { inTransaction } from './transaction';

export interface SignInInput {
  email: string;
  password: string;
  /** The network address the attempt comes from (throttled and audited). */
  address: string;
  /** The session token the browser already holds, if any: it ends. */
  previousToken: string | undefined;
}

export interface SignedIn {
  person: PersonRecord;
  session: { token: string; expiresAt: Date };
}

/** Too many failed attempts: the answer is 429, and the caller may say when to retry. */
export class SignInThrottled extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, `too many attempts; try again in ${retryAfterSeconds} s`, 'throttled');
  }
}

export async function signIn(
  context: Pick<CommandContext, 'db' | 'events' | 'audit' | 'people' | 'sessions' | 'throttle'>,
  input: SignInInput,
): Promise<SignedIn> {
  const { audit, people, sessions, throttle } = context;
  // Counted before the password is checked, so concurrent guesses cannot all be heard.
  const admission = throttle.admit(input.email, input.address);
  if (!admission.admitted) throw new SignInThrottled(Math.ceil(admission.waitMs / 1000));
  const person = await people.authenticate(input.email, input.password).catch((error: unknown) => {
    admission.attempt.failed();
    throw error;
  });
  if (!person) {
    admission.attempt.failed();
    audit.record({ actorId: null, action: 'sign-in.failed', detail: { email: input.email, ip: input.address } });
    throw new DomainError(401, 'the e-mail or password is not correct', 'bad-credentials');
  }
  admission.attempt.succeeded();
  if (!person.active) {
    // The right password of a deactivated account: no session, and the reason, which only someone
    // who knows the password learns (a wrong one is answered as for anybody, above).
    audit.record({ actorId: null, action: 'sign-in.failed', detail: { email: input.email, ip: input.address, reason: 'deactivated' } });
    throw new DomainError(403, 'this account has been deactivated; ask a coordinator if you still need it', 'deactivated');
  }
  const session = inTransaction(context, () => {
    const started = sessions.rotate(input.previousToken, person.id);
    audit.record({ actorId: person.id, action: 'sign-in.succeeded', detail: { ip: input.address } });
    return started;
  });
  return { person, session };
}
