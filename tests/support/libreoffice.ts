/**
 * LibreOffice is the independent reader of our Word files. CI installs it (`.ci/run`); a machine
 * without it skips the tests that need it rather than failing them.
 */
import { execFileSync } from 'node:child_process';

export const hasSoffice = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
