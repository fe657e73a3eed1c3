/** Our workspace server, as `npm start` runs it (without the client build), for the benchmark. */
import { startServer } from '../../server/app';
import { configFromEnv } from '../../server/config';
import { serveIpc } from './child-ipc';

async function main(): Promise<void> {
  const config = { ...configFromEnv(), clientDir: null, log: false };
  const server = await startServer(config);
  const ipc = serveIpc({
    documents: () => server.sections.loaded,
    stop: () => server.close(),
  });
  ipc.ready(server.port);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
