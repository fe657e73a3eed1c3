/**
 * The audit log under another writer on the same file (the admin CLI, a second tool): each entry
 * reads the last hash and then writes, and must wait its turn rather than fail with
 * "database is locked" when the other writer commits between the two.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { type Db, databaseFile, openDatabase } from '../../server/db/client';
import { AuditLog } from '../../server/domain/audit';
import { tempDataDir } from '../support/workspace';

let dataDir: string;
let db: Db;

beforeEach(() => {
  dataDir = tempDataDir('audit-load');
  db = openDatabase(dataDir);
  db.$client.exec('CREATE TABLE IF NOT EXISTS scratch (n INTEGER)');
});
afterEach(() => {
  db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Another process that commits small writes as fast as it can until it is stopped. */
function otherWriter(file: string) {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare('INSERT INTO scratch (n) VALUES (?)');
    process.stdout.write('ready\\n');
    for (let i = 0; ; i++) insert.run(i);
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return { child, ready };
}

test('2,000 audit entries while another process writes: none fails, and the chain holds', async () => {
  const audit = new AuditLog(db);
  const { child, ready } = otherWriter(databaseFile(dataDir));
  await ready;
  let failures = 0;
  try {
    for (let i = 0; i < 2000; i++) {
      try {
        audit.record({ actorId: null, action: 'test.entry', detail: { i } });
      } catch {
        failures++;
      }
      // Let the other process in between entries, as requests arrive between turns.
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    child.kill('SIGKILL');
  }
  expect(failures).toBe(0);
  expect(audit.verify()).toBeNull();
}, 60_000);
