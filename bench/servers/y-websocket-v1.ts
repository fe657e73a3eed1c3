/**
 * The y-websocket 1.x reference server (bin/utils.js setupWSConnection), in memory. With
 * BENCH_V1_SEED_DIR set, a document's first load reads `<dir>/<name>.bin` (a Yjs update) through
 * the reference server's own persistence hook, so that "cold load" has something to load.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { serveIpc } from './child-ipc';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const utils = require('y-websocket-v1/bin/utils') as {
  setupWSConnection: (conn: unknown, req: http.IncomingMessage, options?: { docName?: string; gc?: boolean }) => void;
  setPersistence: (persistence: unknown) => void;
  docs: Map<string, Y.Doc>;
};

const seedDir = process.env.BENCH_V1_SEED_DIR;
if (seedDir) {
  utils.setPersistence({
    provider: null,
    bindState: (name: string, doc: Y.Doc) => {
      const file = path.join(seedDir, `${name}.bin`);
      if (fs.existsSync(file)) Y.applyUpdate(doc, new Uint8Array(fs.readFileSync(file)));
    },
    writeState: async () => undefined,
  });
}

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (conn, req) => utils.setupWSConnection(conn, req, { docName: (req.url ?? '/').slice(1).split('?')[0] }));
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));

const ipc = serveIpc({
  documents: () => utils.docs.size,
  stop: async () => {
    for (const client of wss.clients) client.terminate();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  },
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => ipc.ready((server.address() as AddressInfo).port));
