/**
 * `npm run admin -- <command>`: people management from the shell, on the same DATA_DIR as the
 * server. Commands:
 *   add-user --email E --name N --role member|lead|reviewer|coordinator --group KZ|KG|TJ|TM|UZ|IOM|TSPC --password P
 *   demo                      adds a member and a lead per country and a reviewer per organisation
 *   list-users
 *   set-user --email E [--role R] [--group G] [--name N] [--active true|false]
 *   set-password --email E --password P
 *   invite --email E --role R --group G   prints a single-use link valid for 7 days
 *
 * Each is done by the same command (`server/commands/`) as in the web app, acting as nobody (the
 * shell) where the app would name a coordinator. This process has its own event bus, which no
 * running server hears: what a running server sees of these changes is what they store (see
 * `change-person.ts` for what that means for open connections).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { GROUPS, ROLES } from '../shared/workspace';
import { addDemoPeople, addPerson } from './commands/add-person';
import { changePerson } from './commands/change-person';
import type { CommandContext } from './commands/context';
import { invitePerson } from './commands/invite-person';
import { setPassword } from './commands/set-password';
import { configFromEnv } from './config';
import { openDatabase } from './db/client';
import { AuditLog } from './domain/audit';
import { DomainError } from './domain/errors';
import { Invitations } from './domain/invitations';
import { People, type PersonRecord } from './domain/people';
import { Sessions } from './domain/sessions';
import { ensureWorkspace } from './domain/workspace-seed';
import { WorkspaceEventBus } from './events';
import { DEMO_PASSWORD } from './demo-people';

const addUserArgs = z.object({
  email: z.string().email(),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  group: z.enum(GROUPS),
  password: z.string(),
});

const setUserArgs = z.object({
  email: z.string().email(),
  role: z.enum(ROLES).optional(),
  group: z.enum(GROUPS).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  active: z.enum(['true', 'false']).optional(),
});

/** The part of the server's command context that needs no running server (no section documents). */
type AdminContext = Pick<CommandContext, 'db' | 'events' | 'audit' | 'people' | 'sessions' | 'invitations'>;

function personByEmail(context: AdminContext, email: string): PersonRecord {
  const person = context.people.findByEmail(email);
  if (!person) throw new DomainError(404, `nobody has the e-mail ${email}`);
  return person;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      group: { type: 'string' },
      password: { type: 'string' },
      active: { type: 'string' },
    },
    strict: true,
  });
  const config = configFromEnv();
  const db = openDatabase(config.dataDir);
  const events = new WorkspaceEventBus();
  const audit = new AuditLog(db);
  const people = new People(db, audit, events);
  const context: AdminContext = {
    db,
    events,
    audit,
    people,
    sessions: new Sessions(db, people, events, config.sessionTtlMs),
    invitations: new Invitations(db, people, audit),
  };
  const first = await ensureWorkspace(db, people);
  if (first) console.log(`Created the workspace; coordinator ${first.email} with password ${first.password}`);

  switch (command) {
    case 'add-user': {
      const person = await addPerson(context, addUserArgs.parse(values), null);
      console.log(`Added ${person.name} <${person.email}> as ${person.role} of ${person.group} (id ${person.id})`);
      break;
    }
    case 'demo': {
      for (const { person, added } of await addDemoPeople(context)) {
        if (added) console.log(`  added    ${person.email.padEnd(36)} ${person.role.padEnd(9)} ${person.group}  ${person.name}`);
        else console.log(`  exists   ${person.email}`);
      }
      console.log(`Every demo account signs in with the password: ${DEMO_PASSWORD}`);
      break;
    }
    case 'list-users': {
      for (const person of people.list()) {
        const seen = person.lastActiveAt ? person.lastActiveAt.toISOString() : 'never';
        console.log(
          `${String(person.id).padStart(4)}  ${person.email.padEnd(36)} ${person.role.padEnd(11)} ${person.group.padEnd(5)} ${person.active ? 'active  ' : 'inactive'}  last active ${seen}  ${person.name}`,
        );
      }
      break;
    }
    case 'set-user': {
      const input = setUserArgs.parse(values);
      const person = personByEmail(context, input.email);
      const change = {
        role: input.role,
        group: input.group,
        name: input.name,
        active: input.active === undefined ? undefined : input.active === 'true',
      };
      const updated = changePerson(context, { personId: person.id, change }, null);
      console.log(`${updated.email}: ${updated.role} of ${updated.group}, ${updated.active ? 'active' : 'inactive'}`);
      break;
    }
    case 'set-password': {
      const input = z.object({ email: z.string().email(), password: z.string() }).parse(values);
      const person = personByEmail(context, input.email);
      await setPassword(context, { personId: person.id, password: input.password }, null);
      console.log(`Password set for ${person.email}`);
      break;
    }
    case 'invite': {
      const input = z.object({ email: z.string().email(), role: z.enum(ROLES), group: z.enum(GROUPS) }).parse(values);
      // An invitation is always someone's: the shell invites on behalf of an active coordinator.
      const coordinator = people.list().find((person) => person.role === 'coordinator' && person.active);
      if (!coordinator) throw new DomainError(409, 'the workspace has no active coordinator to invite on behalf of');
      const { token, invitation } = invitePerson(context, input, coordinator);
      const origin = config.publicUrl ?? `http://localhost:${config.port}`;
      console.log(`Invitation for ${invitation.email} (${invitation.role}, ${invitation.group}), valid until ${invitation.expiresAt.toISOString()}:`);
      console.log(`  ${origin}/invite/${token}`);
      break;
    }
    default:
      console.error('Commands: add-user, demo, list-users, set-user, set-password, invite (see server/admin.ts)');
      process.exitCode = 2;
  }
  db.$client.close();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof z.ZodError) {
    console.error(`Invalid arguments: ${error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  } else if (error instanceof DomainError || (error instanceof Error && error.name === 'TypeError')) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
