import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import ts from 'typescript';
import tseslint from 'typescript-eslint';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------
// The layers (README, Architecture; shared/DESIGN.md). Each zone says: files in `target` may not
// import files in `from`. Paths are resolved (TypeScript resolver), so `../collab/x`,
// `../../server/collab/x` and `./../collab/x` are the same import; `import type`, `export … from`
// and `import()` count like any import. The rule judges the file an import resolves to: an import
// that resolves to no file is TypeScript's error (CI runs the typecheck before the lint).
// ---------------------------------------------------------------------------------------------
const TRANSPORTS = ['collab', 'http', 'realtime'];
/** Transport plumbing the three transports share (Origin check, session cookie): a transport too, for the layers below. */
const TRANSPORT_HELPERS = 'transport';

/** One zone per (target, from) pair, so each message names the exact rule that was broken. */
const forbid = (target, from, message) => ({ target, from, message: `[layers] ${message}` });

const LAYER_ZONES = [
  // Browser and shared code never reach into the server; shared code never reaches into the browser.
  forbid('client', 'server', 'client/ must not import server/: the browser talks to the server over HTTP, socket.io and the collab socket; put code both need in shared/.'),
  forbid('shared', 'server', 'shared/ must not import server/: shared/ runs in the browser too; move what both sides need into shared/.'),
  forbid('shared', 'client', 'shared/ must not import client/: shared/ runs on the server too; move what both sides need into shared/.'),
  // In the browser, pages compose the section and editor components, never the reverse.
  forbid('client/src/section', 'client/src/pages', 'client/src/section/ must not import pages/: pages compose the section components; move the helper both need into a neutral client module.'),
  forbid('client/src/editor', 'client/src/pages', 'client/src/editor/ must not import pages/: pages compose the editor; move the helper both need into a neutral client module.'),
  forbid('client/src/editor', 'client/src/section', 'client/src/editor/ must not import section/: the section components use the editor, never the reverse.'),

  // The domain is below the transports, the document infrastructure, the exporters and the use cases.
  forbid('server/domain', 'server/collab', 'domain/ must not import collab/: ask the SectionStore interface the domain owns (server/domain/section-store.ts).'),
  forbid('server/domain', 'server/documents', 'domain/ must not import documents/: ask the SectionStore interface the domain owns (server/domain/section-store.ts); documents/ implements it.'),
  forbid('server/domain', 'server/http', 'domain/ must not import http/: the HTTP layer calls the domain, never the reverse; throw a DomainError and let http/ map it.'),
  forbid('server/domain', 'server/realtime', 'domain/ must not import realtime/: announce on the event bus (server/events.ts); realtime/ listens.'),
  forbid('server/domain', `server/${TRANSPORT_HELPERS}`, 'domain/ must not import transport/: requests, cookies and origins belong to the transports; take plain values.'),
  forbid('server/domain', 'server/exports', 'domain/ must not import exports/: exporters read a model the domain fills; the domain\'s MasterDocumentSource fits exports/model.ts MasterSource by shape, and app.ts wires the two.'),
  forbid('server/domain', 'server/commands', 'domain/ must not import commands/: use cases call domain services, never the reverse.'),
  ...['app.ts', 'admin.ts', 'main.ts'].map((file) =>
    forbid('server/domain', `server/${file}`, `domain/ must not import server/${file}: that is the composition root; take what you need as a constructor argument.`),
  ),

  // The transports sit side by side and never import one another.
  ...TRANSPORTS.flatMap((target) =>
    TRANSPORTS.filter((from) => from !== target).map((from) =>
      forbid(`server/${target}`, `server/${from}`, `${target}/ must not import ${from}/: transports sit side by side; move what both need below them (domain/, documents/, shared/) or let app.ts wire them.`),
    ),
  ),

  // The database layer is the bottom of the server.
  ...['domain', 'commands', 'documents', 'exports', ...TRANSPORTS, TRANSPORT_HELPERS].map((from) =>
    forbid('server/db', `server/${from}`, `db/ must not import ${from}/: db/ is the bottom layer (schema, connection, checkpointer); the layers above import it.`),
  ),
  ...['events.ts', 'app.ts', 'admin.ts', 'main.ts'].map((file) =>
    forbid('server/db', `server/${file}`, `db/ must not import server/${file}: db/ is the bottom layer; the layers above import it.`),
  ),

  // The event bus carries its own payload types: services import it, so it imports none of them.
  ...['domain', 'commands', 'documents', 'exports', ...TRANSPORTS, TRANSPORT_HELPERS].map((from) =>
    forbid('server/events.ts', `server/${from}`, `server/events.ts must not import ${from}/: the bus declares its own payload types (or takes them from shared/), so every layer can import it without a cycle.`),
  ),

  // Exporters see only their model (exports/model.ts) and shared/.
  ...[...TRANSPORTS, TRANSPORT_HELPERS, 'domain', 'commands', 'documents', 'db'].map((from) =>
    forbid('server/exports', `server/${from}`, `exports/ must not import ${from}/: exporters see only their model (exports/model.ts) and shared/; refusals are ExportError (exports/errors.ts), mapped by http/.`),
  ),
  ...['events.ts', 'app.ts', 'admin.ts', 'main.ts'].map((file) =>
    forbid('server/exports', `server/${file}`, `exports/ must not import server/${file}: exporters see only their model (exports/model.ts) and shared/; take callbacks as options.`),
  ),

  // Use cases may import domain, db and events; never a transport or the composition root.
  ...[...TRANSPORTS, TRANSPORT_HELPERS].map((from) =>
    forbid('server/commands', `server/${from}`, `commands/ must not import ${from}/: use cases are called by the transports, never the reverse; return a result and let the transport present it.`),
  ),
  ...['app.ts', 'admin.ts', 'main.ts'].map((file) =>
    forbid('server/commands', `server/${file}`, `commands/ must not import server/${file}: that is the composition root; take what you need as a constructor argument.`),
  ),
];

// ---------------------------------------------------------------------------------------------
// No import cycles. A small local rule rather than import-x/no-cycle: import-x (4.x) always skips
// `import type` edges, and a type-only cycle is still a layering error (the event bus importing a
// domain type while the domain imports the bus was one), so here every relative import counts:
// `import`, `import type`, `export … from`, `import()`, `require()`. Only relative imports can
// point back into our own code, so packages are not followed.
// ---------------------------------------------------------------------------------------------
const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

function isFile(candidate) {
  return fs.statSync(candidate, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** The file a relative specifier names, as `moduleResolution: bundler` finds it; null for packages. */
function resolveRelative(fromFile, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const suffix of RESOLVE_SUFFIXES) {
    if (isFile(base + suffix)) return base + suffix;
  }
  // `./x.js` written for a `./x.ts` source.
  const source = base.replace(/\.(m|c)?js$/, '.$1ts');
  return source !== base && isFile(source) ? source : null;
}

/** Relative imports of a file on disk, cached by modification time (one lint run reads each once). */
const importsOnDisk = new Map();
function diskImports(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return [];
  const cached = importsOnDisk.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.imports;
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  const imports = [...new Set(importedFiles.map((entry) => resolveRelative(file, entry.fileName)).filter(Boolean))];
  importsOnDisk.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, imports });
  return imports;
}

/**
 * The shortest import path from `start` back to `file`, or null (breadth first over files on disk).
 * `cannotReach` holds files already known not to lead back to `file`; a search that fails adds
 * everything it saw, so a file's imports share one walk of the graph.
 */
function pathBack(start, file, cannotReach) {
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift();
    for (const next of diskImports(current)) {
      if (next === file) {
        const route = [current];
        for (let step = cameFrom.get(current); step; step = cameFrom.get(step)) route.unshift(step);
        return route;
      }
      if (!cameFrom.has(next) && !cannotReach.has(next)) {
        cameFrom.set(next, current);
        queue.push(next);
      }
    }
  }
  for (const seen of cameFrom.keys()) cannotReach.add(seen);
  return null;
}

const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between our own modules, type-only imports included.' },
    schema: [],
    messages: {
      cycle: '[layers] import cycle: {{route}}. Break it: move what both need into a lower module (or shared/), or pass it in as a parameter.',
    },
  },
  create(context) {
    const file = context.physicalFilename;
    if (!path.isAbsolute(file)) return {};
    const shown = (target) => path.relative(context.cwd, target).split(path.sep).join('/');
    const cannotReach = new Set();
    const check = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = resolveRelative(file, source.value);
      if (!target || target === file || cannotReach.has(target)) return;
      const route = pathBack(target, file, cannotReach);
      if (route) context.report({ node: source, messageId: 'cycle', data: { route: [file, ...route, file].map(shown).join(' → ') } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference.expression),
      // `typeof import('./x')` and `import('./x').T` in type positions.
      TSImportType: (node) => check(node.argument?.literal),
      'CallExpression[callee.name="require"]': (node) => check(node.arguments[0]),
    };
  },
};

const layers = { meta: { name: 'layers' }, rules: { 'no-cycle': noCycle } };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'migrations/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        module: 'writable',
        require: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        {
          // better-sqlite3's get() stops after the first row: an INSERT/UPDATE … RETURNING run
          // outside a transaction commits after that, and a failed commit (a full disk) is then
          // lost — the caller is told "saved" for a row that is not there. all() runs to the end.
          selector: "CallExpression[callee.property.name='get'] > MemberExpression > CallExpression[callee.property.name='returning']",
          message: 'use .returning(…).all()[0], not .get(): get() hides a failed commit (see eslint.config.mjs)',
        },
      ],
    },
  },
  // The layers (issue #13): who may import whom, checked on resolved paths.
  {
    files: ['server/**/*.{ts,mts}', 'client/**/*.{ts,mts}', 'shared/**/*.{ts,mts}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(ROOT, 'tsconfig.json') })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: LAYER_ZONES }],
    },
  },
  // No import cycles, anywhere in our TypeScript (server/, client/, shared/, and the tests, bench and
  // scripts that import them).
  {
    files: ['**/*.{ts,mts,cts,tsx}'],
    plugins: { layers },
    rules: { 'layers/no-cycle': 'error' },
  },
);
