// Whether the Electron binary can run here, found without loading the `electron` package:
// its index.js downloads the binary when it is missing, which must never happen as a side
// effect of a check (and cannot succeed on machines without network access).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the Electron binary is, or why it cannot be used.
 *
 * @returns {import('./electron-binary.d.mts').ElectronBinaryStatus}
 */
export function electronBinaryStatus() {
  let packageDir;
  try {
    // Resolving package.json runs nothing, unlike resolving the package itself.
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { available: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { available: false, reason: 'the Electron binary was never downloaded (no path.txt)' };
  }
  const path = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(path)) {
    return { available: false, reason: `the Electron binary is missing (${path})` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return {
      available: false,
      reason: 'there is no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset)',
    };
  }
  return { available: true, path };
}
