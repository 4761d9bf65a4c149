import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user data folder the headless host uses when no `--data-dir` is given. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Tessera');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tessera');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'tessera');
}
