/**
 * `npm run dev`: the server on PORT (default 3000), restarted when its code changes, beside Vite's
 * dev server on :5173 with hot reload, which proxies /api, /socket.io and /collab to the server.
 * Open http://localhost:5173. Ctrl-C stops both.
 */
import { type ChildProcess, spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const children: ChildProcess[] = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], {
    stdio: 'inherit',
    // The dev client is served by Vite from its own origin, which is the one browsers send.
    env: { ...process.env, PORT: port, CLIENT_DIR: '', PUBLIC_URL: process.env.PUBLIC_URL ?? 'http://localhost:5173' },
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit', env: { ...process.env, PORT: port } }),
];

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) {
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
