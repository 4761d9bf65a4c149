import { spawnSync } from 'node:child_process';

/** Builds main, preload and renderer into out/ (quietly: only warnings and errors). */
export function buildApp() {
  const result = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error('tessera: the build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}
