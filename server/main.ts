/** `npm start`: applies migrations, creates the workspace on first start, and serves it. */
import { startServer } from './app';
import { configFromEnv } from './config';

async function main(): Promise<void> {
  const config = configFromEnv();
  const workspace = await startServer(config);
  console.log(`Syllabus workspace is serving on ${workspace.url} (data in ${config.dataDir})`);
  if (workspace.firstCoordinator) {
    const { email, password } = workspace.firstCoordinator;
    console.log(
      [
        '',
        'First start: the workspace was created with one coordinator account.',
        `  Sign in at ${workspace.url} with`,
        `    e-mail:   ${email}`,
        `    password: ${password}`,
        'This password is shown only this once. Demo people for every group: npm run admin -- demo',
        '',
      ].join('\n'),
    );
  } else {
    console.log(`Sign in at ${workspace.url} (people are managed with: npm run admin -- add-user ...)`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing connections; every accepted update is already stored`);
    const deadline = setTimeout(() => process.exit(1), 10_000);
    deadline.unref();
    workspace.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('The workspace could not start:', error);
  process.exit(1);
});
