/**
 * @hocuspocus/server 4.x with its SQLite extension (stores the whole document state, debounced:
 * 2 s after the last change, at most every 10 s, and when the last connection closes).
 */
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { serveIpc } from './child-ipc';

async function main(): Promise<void> {
  const server = new Server({
    port: Number(process.env.PORT ?? 0),
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    extensions: [new SQLite({ database: process.env.BENCH_HOCUSPOCUS_DB ?? ':memory:' })],
  });
  await server.listen();
  const ipc = serveIpc({
    documents: () => server.hocuspocus.getDocumentsCount(),
    stop: async () => {
      server.hocuspocus.flushPendingStores();
      await server.destroy();
    },
    calls: {
      flush: () => {
        server.hocuspocus.flushPendingStores();
        return { documents: server.hocuspocus.getDocumentsCount() };
      },
    },
  });
  ipc.ready(server.address.port);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
