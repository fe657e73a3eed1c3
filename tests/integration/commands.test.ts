/**
 * The use-case commands on a database of their own, without a server: each is one transaction
 * with its audit row, announces only what it stored, and leaves nothing behind when a later write
 * fails.
 */
import fs from 'node:fs';
import { changePerson } from '../../server/commands/change-person';
import { invitePerson } from '../../server/commands/invite-person';
import { signIn, SignInThrottled } from '../../server/commands/sign-in';
import { signOut } from '../../server/commands/sign-out';
import { type Db, openDatabase } from '../../server/db/client';
import { AuditLog } from '../../server/domain/audit';
import { Invitations } from '../../server/domain/invitations';
import { People, type PersonRecord } from '../../server/domain/people';
import { Sessions } from '../../server/domain/sessions';
import { SignInThrottle } from '../../server/domain/sign-in-throttle';
import { FIRST_COORDINATOR_EMAIL, ensureWorkspace } from '../../server/domain/workspace-seed';
import { WorkspaceEventBus } from '../../server/events';
import { type TestWorkspace, addTestPerson, api, signIn as signInOverHttp, startTestWorkspace, tempDataDir } from '../support/workspace';

const PASSWORD = 'correct horse battery staple';

describe('on a database of their own', () => {
  let dataDir: string;
  let db: Db;
  let events: WorkspaceEventBus;
  let audit: AuditLog;
  let people: People;
  let sessions: Sessions;
  let coordinator: PersonRecord;
  let counter = 0;

  beforeEach(async () => {
    dataDir = tempDataDir('commands');
    db = openDatabase(dataDir);
    events = new WorkspaceEventBus();
    audit = new AuditLog(db);
    people = new People(db, audit, events);
    sessions = new Sessions(db, people, events, 3600_000);
    await ensureWorkspace(db, people);
    coordinator = people.findByEmail(FIRST_COORDINATOR_EMAIL)!;
  });

  afterEach(() => {
    db.$client.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const addMember = () =>
    people.add({ email: `member${++counter}@example.test`, name: `Member ${counter}`, role: 'member', group: 'KZ', password: PASSWORD }, null);
  const sessionsOf = (personId: number) =>
    (db.$client.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = ?').get(personId) as { n: number }).n;
  const auditCount = () => (db.$client.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;

  /** Records every event on the bus, with what the database said when it was announced. */
  function announcements(seen: (name: string) => unknown = () => null) {
    const heard: { name: string; args: unknown[]; stored: unknown }[] = [];
    for (const name of ['person-changed', 'person-signed-out', 'session-ended'] as const) {
      events.on(name, (...args: unknown[]) => heard.push({ name, args, stored: seen(name) }));
    }
    return heard;
  }

  describe('changing a person', () => {
    test('deactivating someone ends all their sessions, then announces person-changed and person-signed-out once stored', async () => {
      const member = await addMember();
      sessions.start(member.id);
      sessions.start(member.id);
      const heard = announcements(() => ({ active: people.find(member.id)?.active, sessions: sessionsOf(member.id) }));

      const updated = changePerson({ db, events, people, sessions }, { personId: member.id, change: { active: false } }, coordinator);

      expect(updated.active).toBe(false);
      expect(sessionsOf(member.id)).toBe(0);
      expect(heard.map(({ name, args }) => [name, ...args])).toEqual([
        ['person-changed', member.id],
        ['person-signed-out', member.id],
      ]);
      // Listeners (realtime, collab) read what was committed, never a change still in flight.
      expect(heard.every(({ stored }) => JSON.stringify(stored) === JSON.stringify({ active: false, sessions: 0 }))).toBe(true);
      expect(audit.list({ action: 'person.changed' })[0]).toMatchObject({ actorId: coordinator.id, target: `person:${member.id}`, detail: { active: false } });
    });

    test('renaming someone leaves their sessions alone', async () => {
      const member = await addMember();
      sessions.start(member.id);
      const heard = announcements();
      changePerson({ db, events, people, sessions }, { personId: member.id, change: { name: 'Renamed' } }, null);
      expect(sessionsOf(member.id)).toBe(1);
      expect(heard.map(({ name }) => name)).toEqual(['person-changed']);
    });

    test('a deactivation that fails half-way leaves nothing behind and announces nothing', async () => {
      const member = await addMember();
      sessions.start(member.id);
      const before = auditCount();
      const heard = announcements();
      // Ending the sessions is the last write: it deletes them, then the disk fails.
      const failing = Object.create(sessions) as Sessions;
      failing.endAllOf = (personId: number) => {
        sessions.endAllOf(personId);
        throw new Error('disk I/O error');
      };

      expect(() => changePerson({ db, events, people, sessions: failing }, { personId: member.id, change: { active: false } }, coordinator)).toThrow(
        'disk I/O error',
      );

      expect(people.find(member.id)?.active).toBe(true);
      expect(sessionsOf(member.id)).toBe(1);
      expect(auditCount()).toBe(before);
      expect(audit.verify()).toBeNull();
      expect(heard).toEqual([]);
      // The bus works as before for whatever comes next.
      changePerson({ db, events, people, sessions }, { personId: member.id, change: { active: false } }, coordinator);
      expect(heard.map(({ name }) => name)).toEqual(['person-changed', 'person-signed-out']);
    });

    test('a refused change (a coordinator deactivating themselves) writes nothing', () => {
      const before = auditCount();
      expect(() => changePerson({ db, events, people, sessions }, { personId: coordinator.id, change: { active: false } }, coordinator)).toThrow(
        'you cannot change your own role or deactivate yourself',
      );
      expect(auditCount()).toBe(before);
    });
  });

  describe('signing in and out', () => {
    const context = (throttle = new SignInThrottle()) => ({ db, events, audit, people, sessions, throttle });

    test('a sign-in rotates the session the browser had, and is audited with its address', async () => {
      const member = await addMember();
      const old = sessions.start(member.id);
      const heard = announcements();
      const { person, session } = await signIn(context(), { email: member.email.toUpperCase(), password: PASSWORD, address: '10.0.0.7', previousToken: old.token });
      expect(person.id).toBe(member.id);
      expect(sessions.resolve(session.token)?.id).toBe(member.id);
      expect(sessions.resolve(old.token)).toBeNull();
      expect(heard).toEqual([{ name: 'session-ended', args: [old.token], stored: null }]);
      expect(audit.list({ action: 'sign-in' })[0]).toMatchObject({ actorId: member.id, action: 'sign-in.succeeded', detail: { ip: '10.0.0.7' } });
    });

    test('a wrong password is refused, counted and audited; past the free attempts the throttle answers first', async () => {
      const member = await addMember();
      let now = 1_000_000;
      const throttle = new SignInThrottle(() => now);
      const attempt = () => signIn(context(throttle), { email: member.email, password: 'not the password', address: '10.0.0.8', previousToken: undefined });
      for (let i = 0; i < 5; i++) await expect(attempt()).rejects.toMatchObject({ status: 401, code: 'bad-credentials' });
      expect(audit.list({ action: 'sign-in.failed' })).toHaveLength(5);
      const throttled = await attempt().catch((error: unknown) => error);
      expect(throttled).toBeInstanceOf(SignInThrottled);
      expect(throttled).toMatchObject({ status: 429, code: 'throttled', retryAfterSeconds: 1 });
      // Not even checked, so not audited again.
      expect(audit.list({ action: 'sign-in.failed' })).toHaveLength(5);
      now += 1000;
      await expect(signIn(context(throttle), { email: member.email, password: PASSWORD, address: '10.0.0.8', previousToken: undefined })).resolves.toMatchObject({
        person: { id: member.id },
      });
    });

    test('signing out ends this session only, audited for its person', async () => {
      const member = await addMember();
      const here = sessions.start(member.id);
      const elsewhere = sessions.start(member.id);
      signOut({ db, events, audit, sessions }, { token: here.token, person: member });
      expect(sessions.resolve(here.token)).toBeNull();
      expect(sessions.resolve(elsewhere.token)?.id).toBe(member.id);
      expect(audit.list({ action: 'sign-out' })[0]).toMatchObject({ actorId: member.id });
    });
  });

  describe('inviting a person', () => {
    test('an invitation whose audit row cannot be written is not kept either', () => {
      const failingAudit = Object.create(audit) as AuditLog;
      failingAudit.record = () => {
        throw new Error('disk I/O error');
      };
      const invitations = new Invitations(db, people, failingAudit);
      expect(() => invitePerson({ db, events, invitations }, { email: 'new@example.test', role: 'member', group: 'KZ' }, coordinator)).toThrow(
        'disk I/O error',
      );
      expect(invitations.pending()).toEqual([]);
    });

    test('an invitation is stored with its audit row; the token is returned once', () => {
      const invitations = new Invitations(db, people, audit);
      const { token, invitation } = invitePerson({ db, events, invitations }, { email: 'New@Example.test', role: 'lead', group: 'UZ' }, coordinator);
      expect(invitation).toMatchObject({ email: 'new@example.test', role: 'lead', group: 'UZ' });
      expect(invitations.open(token).email).toBe('new@example.test');
      expect(audit.list({ action: 'invitation.created' })[0]).toMatchObject({ actorId: coordinator.id });
    });
  });
});

describe('on a running server', () => {
  let workspace: TestWorkspace;
  let leadCookie: string;

  beforeAll(async () => {
    workspace = await startTestWorkspace();
    const lead = await addTestPerson(workspace, 'lead', 'KZ');
    await addTestPerson(workspace, 'reviewer', 'IOM');
    leadCookie = await signInOverHttp(workspace.url, lead.email, lead.password);
  });

  afterAll(() => workspace.stop());

  test('a submission whose last write fails leaves the section as it was: no round, no version, no audit row, nothing announced', async () => {
    const { notifications, events } = workspace.server.services;
    const heard: string[] = [];
    for (const name of ['section-status-changed', 'version-saved', 'notification-created'] as const) events.on(name, () => heard.push(name));
    const lead = api(workspace.url, leadCookie);
    const auditBefore = (workspace.server.db.$client.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
    // Notifying the reviewers is the submission's last write.
    const notify = jest.spyOn(notifications, 'notify').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await lead('POST', '/sections/national-kz/submit', { message: 'Ready' })).status).toBe(500);
    } finally {
      quiet.mockRestore();
    }

    expect((await lead('GET', '/sections/national-kz/reviews')).body).toMatchObject({ state: { status: 'draft', round: 0 }, history: [] });
    expect((await lead('GET', '/sections/national-kz/versions')).body).toEqual([]);
    expect((workspace.server.db.$client.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n).toBe(auditBefore);
    expect(heard).toEqual([]);

    // The same submission, once nothing fails, is done whole and announced after it is stored.
    expect((await lead('POST', '/sections/national-kz/submit', { message: 'Ready' })).body).toMatchObject({ status: 'in_review', round: 1 });
    expect(notify).toHaveBeenCalledTimes(2);
    expect(heard).toEqual(expect.arrayContaining(['version-saved', 'notification-created', 'section-status-changed']));
  });
});
