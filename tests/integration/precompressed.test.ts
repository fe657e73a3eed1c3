/**
 * The built client is served compressed (#21): the build writes Brotli and gzip copies beside its
 * text files, and the server hands a browser the best copy it accepts, as the file it stands for
 * (type, caching), and the plain file to one that accepts neither.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { acceptedEncodings } from '../../server/http/precompressed';
import { type TestWorkspace, startTestWorkspace, tempDataDir } from '../support/workspace';

let workspace: TestWorkspace;
const clientDir = tempDataDir('client');
const script = `console.log(${JSON.stringify('Международное миграционное право '.repeat(200))});\n`;
const page = `<!doctype html><html><head><title>Syllabus</title></head><body>${'<div></div>'.repeat(200)}</body></html>`;

beforeAll(async () => {
  fs.mkdirSync(path.join(clientDir, 'assets'));
  const write = (name: string, text: string, copies: ('br' | 'gz')[]) => {
    fs.writeFileSync(path.join(clientDir, name), text);
    if (copies.includes('br')) fs.writeFileSync(path.join(clientDir, `${name}.br`), zlib.brotliCompressSync(text));
    if (copies.includes('gz')) fs.writeFileSync(path.join(clientDir, `${name}.gz`), zlib.gzipSync(text));
  };
  write('index.html', page, ['br', 'gz']);
  write('sw.js', script, ['br', 'gz']);
  write('assets/app-abc123.js', script, ['br', 'gz']);
  write('assets/only-gzip-1.css', `body{color:red}${' '.repeat(2000)}`, ['gz']);
  workspace = await startTestWorkspace({ clientDir });
});
afterAll(async () => {
  await workspace.stop();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET whose body is left as it came (fetch would decompress it). */
function rawGet(pathname: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${workspace.url}${pathname}`, { headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
  });
}

test('a browser that accepts Brotli gets the Brotli copy, typed and cached as the script itself', async () => {
  const reply = await rawGet('/assets/app-abc123.js', 'gzip, deflate, br, zstd');
  expect(reply.status).toBe(200);
  expect(reply.headers['content-encoding']).toBe('br');
  expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(reply.headers.vary).toMatch(/Accept-Encoding/);
  expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(zlib.brotliDecompressSync(reply.body).toString()).toBe(script);
  expect(reply.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
});

test('gzip when Brotli is not accepted; the plain file when nothing is', async () => {
  const gzip = await rawGet('/assets/app-abc123.js', 'gzip');
  expect(gzip.headers['content-encoding']).toBe('gzip');
  expect(zlib.gunzipSync(gzip.body).toString()).toBe(script);
  const plain = await rawGet('/assets/app-abc123.js', 'identity');
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString()).toBe(script);
  const none = await rawGet('/assets/app-abc123.js');
  expect(none.headers['content-encoding']).toBeUndefined();
  const refused = await rawGet('/assets/app-abc123.js', 'br;q=0, gzip;q=0');
  expect(refused.headers['content-encoding']).toBeUndefined();
  expect(refused.body.toString()).toBe(script);
});

test('a file the build compressed only with gzip is served as gzip to a Brotli browser', async () => {
  const reply = await rawGet('/assets/only-gzip-1.css', 'br, gzip');
  expect(reply.headers['content-encoding']).toBe('gzip');
  expect(reply.headers['content-type']).toBe('text/css; charset=utf-8');
});

test('the page and the service worker are compressed too, and still checked at every use', async () => {
  const index = await rawGet('/sections/regional-1', 'br');
  expect(index.status).toBe(200);
  expect(index.headers['content-encoding']).toBe('br');
  expect(index.headers['content-type']).toMatch(/^text\/html/);
  expect(index.headers['cache-control']).toBe('no-cache');
  expect(zlib.brotliDecompressSync(index.body).toString()).toBe(page);
  const worker = await rawGet('/sw.js', 'br');
  expect(worker.headers['content-encoding']).toBe('br');
  expect(worker.headers['cache-control']).toBe('no-cache');
  expect(worker.headers['content-type']).toBe('text/javascript; charset=utf-8');
});

test('a compressed copy is not a way out of the client directory, nor served under its own name as something else', async () => {
  // A file beside the client directory, with a Brotli copy: reachable only by climbing out.
  const outside = path.join(clientDir, '..', `outside-${path.basename(clientDir)}.js`);
  fs.writeFileSync(outside, 'the server secret');
  fs.writeFileSync(`${outside}.br`, zlib.brotliCompressSync('the server secret'));
  try {
    for (const climb of [`/assets/..%2f..%2f${path.basename(outside)}`, `/..%2f${path.basename(outside)}`, `/%2e%2e/${path.basename(outside)}`]) {
      const reply = await rawGet(climb, 'br');
      expect(reply.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(reply.body).toString() : reply.body.toString()).not.toContain('secret');
    }
  } finally {
    fs.rmSync(outside, { force: true });
    fs.rmSync(`${outside}.br`, { force: true });
  }
  const direct = await rawGet('/assets/app-abc123.js.br', 'br');
  // Asked for by its own name it is just a file: never labelled as the script it encodes.
  expect(direct.headers['content-encoding']).toBeUndefined();
});

test('Accept-Encoding is read with its weights and wildcard', () => {
  expect([...acceptedEncodings('gzip, deflate, br')].sort()).toEqual(['br', 'deflate', 'gzip']);
  expect([...acceptedEncodings('gzip;q=1.0, br;q=0')]).toEqual(['gzip']);
  expect([...acceptedEncodings('*')].sort()).toEqual(['br', 'gzip']);
  expect([...acceptedEncodings('*, br;q=0')]).toEqual(['gzip']);
  expect([...acceptedEncodings(undefined)]).toEqual([]);
});
