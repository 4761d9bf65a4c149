/** Whether the Electron binary can run on this machine (see electron-binary.mjs). */
export type ElectronBinaryStatus =
  | { readonly available: true; readonly path: string; readonly reason?: undefined }
  | { readonly available: false; readonly path?: undefined; readonly reason: string };

/**
 * Finds the Electron binary from node_modules/electron/path.txt without loading the package
 * (which would try to download it), and on Linux checks there is a display to draw on.
 */
export function electronBinaryStatus(): ElectronBinaryStatus;
