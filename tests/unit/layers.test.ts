/**
 * The layers in eslint.config.mjs (issue #13): who may import whom, and no import cycles. ESLint
 * runs on small sources placed inside the folders the rules cover.
 *
 * ESLint loads its config with a dynamic `import()`, which Jest's module sandbox refuses without
 * --experimental-vm-modules, so the ESLint API (`new ESLint({ cwd })`, `lintText`) runs in a child
 * Node process: every case in one run, the answers back as JSON.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface LintCase {
  code: string;
  /** Relative to the repository root; the file need not exist. */
  filePath: string;
}

interface LintMessage {
  ruleId: string | null;
  message: string;
  line: number;
  severity: number;
}

const LINT_IN_CHILD = `
import { ESLint } from 'eslint';
const cases = JSON.parse(process.env.LAYERS_CASES);
const eslint = new ESLint({ cwd: process.cwd() });
const answers = [];
for (const { code, filePath } of cases) {
  const [result] = await eslint.lintText(code, { filePath });
  answers.push(result.messages.map(({ ruleId, message, line, severity }) => ({ ruleId, message, line, severity })));
}
process.stdout.write(JSON.stringify(answers));
`;

function lint(cases: LintCase[]): LintMessage[][] {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', LINT_IN_CHILD], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LAYERS_CASES: JSON.stringify(cases) },
  });
  return JSON.parse(output) as LintMessage[][];
}

const LAYER_RULE = 'import-x/no-restricted-paths';
const CYCLE_RULE = 'layers/no-cycle';
const ours = (messages: LintMessage[]) => messages.filter((m) => m.ruleId === LAYER_RULE || m.ruleId === CYCLE_RULE);

/** Two pairs of files that import each other: one with values, one with types only. */
const CYCLE_DIR = path.join(ROOT, 'tests', 'unit', `layers-cycle-tmp-${process.pid}`);
const CYCLE_FILES: Record<string, string> = {
  'a.ts': "import { b } from './b';\n\nexport const a = (): number => b() + 1;\n",
  'b.ts': "import { a } from './a';\n\nexport const b = (): number => (a.length > 0 ? 1 : 0);\n",
  'c.ts': "import type { D } from './d';\n\nexport interface C {\n  d: D | null;\n}\n",
  'd.ts': "import type { C } from './c';\n\nexport interface D {\n  c: C | null;\n}\n",
  'e.ts': "import { a } from './a';\n\nexport const e = (): number => a();\n",
};
const inCycleDir = (name: string) => path.relative(ROOT, path.join(CYCLE_DIR, name));

const CASES = {
  domainToCollab: { code: "import { CollabEndpoint } from '../collab/collab-endpoint';\n\nexport const x = CollabEndpoint;\n", filePath: 'server/domain/x.ts' },
  domainToCollabTypeOnly: { code: "import type { CollabEndpoint } from '../collab/collab-endpoint';\n\nexport type X = CollabEndpoint;\n", filePath: 'server/domain/x.ts' },
  domainDeeperToCollab: { code: "export { CollabEndpoint } from '../../collab/collab-endpoint';\n", filePath: 'server/domain/nested/x.ts' },
  sharedToServer: { code: "import { configFromEnv } from '../server/config';\n\nexport const x = configFromEnv;\n", filePath: 'shared/x.ts' },
  realtimeToHttp: { code: "import { handleErrors } from '../http/middleware';\n\nexport const x = handleErrors;\n", filePath: 'server/realtime/x.ts' },
  exportsToDomain: { code: "import { DomainError } from '../domain/errors';\n\nexport const x = DomainError;\n", filePath: 'server/exports/x.ts' },
  domainToDb: { code: "import type { Db } from '../db/client';\n\nexport type X = Db;\n", filePath: 'server/domain/x.ts' },
  httpToDomain: { code: "import { DomainError } from '../domain/errors';\n\nexport const x = DomainError;\n", filePath: 'server/http/x.ts' },
  valueCycle: { code: CYCLE_FILES['a.ts'], filePath: inCycleDir('a.ts') },
  typeCycle: { code: CYCLE_FILES['c.ts'], filePath: inCycleDir('c.ts') },
  intoCycleFromOutside: { code: CYCLE_FILES['e.ts'], filePath: inCycleDir('e.ts') },
} satisfies Record<string, LintCase>;

let results: Record<keyof typeof CASES, LintMessage[]>;

beforeAll(() => {
  fs.mkdirSync(CYCLE_DIR, { recursive: true });
  for (const [name, code] of Object.entries(CYCLE_FILES)) fs.writeFileSync(path.join(CYCLE_DIR, name), code);
  const names = Object.keys(CASES) as (keyof typeof CASES)[];
  const answers = lint(names.map((name) => CASES[name]));
  results = Object.fromEntries(names.map((name, index) => [name, answers[index]])) as typeof results;
}, 60_000);

afterAll(() => fs.rmSync(CYCLE_DIR, { recursive: true, force: true }));

describe('the layers', () => {
  it('refuse domain/ importing collab/, with a message that names the rule and the way out', () => {
    const [error] = ours(results.domainToCollab);
    expect(error).toMatchObject({ ruleId: LAYER_RULE, severity: 2, line: 1 });
    expect(error.message).toContain('domain/ must not import collab/');
    expect(error.message).toContain('SectionStore');
  });

  it('count type-only imports and re-exports, from any depth of the folder', () => {
    expect(ours(results.domainToCollabTypeOnly)).toEqual([expect.objectContaining({ ruleId: LAYER_RULE })]);
    expect(ours(results.domainDeeperToCollab)).toEqual([expect.objectContaining({ ruleId: LAYER_RULE })]);
  });

  it('refuse shared/ importing server/', () => {
    const [error] = ours(results.sharedToServer);
    expect(error).toMatchObject({ ruleId: LAYER_RULE, severity: 2 });
    expect(error.message).toContain('shared/ must not import server/');
  });

  it('refuse one transport importing another (realtime/ → http/)', () => {
    const [error] = ours(results.realtimeToHttp);
    expect(error).toMatchObject({ ruleId: LAYER_RULE, severity: 2 });
    expect(error.message).toContain('realtime/ must not import http/');
  });

  it('refuse exporters importing the domain', () => {
    expect(ours(results.exportsToDomain)).toEqual([
      expect.objectContaining({ ruleId: LAYER_RULE, message: expect.stringContaining('exports/ must not import domain/') }),
    ]);
  });

  it('let a layer import the layers below it', () => {
    expect(ours(results.domainToDb)).toEqual([]);
    expect(ours(results.httpToDomain)).toEqual([]);
  });
});

describe('import cycles', () => {
  it('are refused between two files that import each other', () => {
    const [error] = ours(results.valueCycle);
    expect(error).toMatchObject({ ruleId: CYCLE_RULE, severity: 2, line: 1 });
    expect(error.message).toContain(`${inCycleDir('a.ts')} → ${inCycleDir('b.ts')} → ${inCycleDir('a.ts')}`);
  });

  it('are refused when the imports are type-only too', () => {
    expect(ours(results.typeCycle)).toEqual([
      expect.objectContaining({ ruleId: CYCLE_RULE, message: expect.stringContaining(`${inCycleDir('c.ts')} → ${inCycleDir('d.ts')}`) }),
    ]);
  });

  it('are not reported in a file that only imports a cycle without being part of it', () => {
    expect(ours(results.intoCycleFromOutside)).toEqual([]);
  });
});
