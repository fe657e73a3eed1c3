import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { type Plugin, build, defineConfig } from 'vite';

// The client is built into dist/client and served by the workspace server; `npm run dev` runs
// Vite with these proxies so that API, socket.io and collab traffic reach the server on :3000.
const target = `http://localhost:${process.env.PORT ?? 3000}`;
const ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * Builds client/src/service-worker.ts into /sw.js, after the app, as a build of its own: a
 * worker cannot load the app's chunks (nor the app the worker's), and its URL must never change,
 * since the browser knows the worker by it. The app shell it precaches (index.html and every
 * file under assets/) and a version hashed from those files' names and bytes are written into
 * it, so any change to the app changes sw.js, and browsers offer the update.
 */
function serviceWorker(): Plugin {
  return {
    name: 'syllabus-service-worker',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const shell = Object.keys(bundle)
        .filter((file) => file === 'index.html' || file.startsWith('assets/'))
        .sort();
      const hash = createHash('sha256');
      for (const file of shell) {
        const output = bundle[file];
        hash.update(file).update('\0').update(output.type === 'chunk' ? output.code : output.source).update('\0');
      }
      const manifest = { version: hash.digest('hex').slice(0, 16), files: shell.map((file) => `/${file}`) };
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: await buildWorker(manifest) });
    },
  };
}

async function buildWorker(manifest: { version: string; files: string[] }): Promise<string> {
  const result = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    define: { __SW_SHELL__: JSON.stringify(manifest) },
    build: {
      write: false,
      sourcemap: false,
      // A classic script: module service workers are not in every browser people use yet.
      lib: { entry: path.join(ROOT, 'client/src/service-worker.ts'), formats: ['iife'], name: 'syllabusServiceWorker', fileName: () => 'sw.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((entry) => ('output' in entry ? entry.output : []));
  const chunk = outputs.find((output) => output.type === 'chunk' && output.fileName === 'sw.js');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the service worker build produced no sw.js');
  return chunk.code;
}

/** What is worth compressing: text. Images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest|txt)$/;

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the build, at the
 * highest levels, once at build time: the working groups' links are often 3G-class (400 kbit/s),
 * where the 640 KB script alone took 13 s uncompressed and takes under 4 s as Brotli. Compressing
 * once here costs the server no CPU per request (see `serveClient` in server/http/api.ts).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'syllabus-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = await fs.readdir(outDir, { recursive: true });
      await Promise.all(
        files
          .filter((file) => COMPRESSIBLE.test(file))
          .map(async (file) => {
            const full = path.join(outDir, file);
            const bytes = await fs.readFile(full);
            if (bytes.length < 1024) return;
            const brotli = zlib.brotliCompressSync(bytes, {
              params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
            });
            await fs.writeFile(`${full}.br`, brotli);
            await fs.writeFile(`${full}.gz`, zlib.gzipSync(bytes, { level: 9 }));
          }),
      );
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [serviceWorker(), precompress()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // No source maps in what the server serves: they would hand anyone the whole client source.
    // `npm run dev` serves the sources themselves for debugging.
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target, changeOrigin: false },
      '/socket.io': { target, ws: true, changeOrigin: false },
      '/collab': { target, ws: true, changeOrigin: false },
    },
  },
});
