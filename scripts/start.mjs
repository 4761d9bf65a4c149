// `npm start`: the desktop app where Electron can run; otherwise say why in one line and
// start the headless console host instead, so the README's main command always does something.
import { buildApp } from './build-app.mjs';
import { electronBinaryStatus } from './electron-binary.mjs';
import { rebuildElectronNative } from './rebuild-electron-native.mjs';
import { runChild } from './run-child.mjs';

buildApp();
const electron = electronBinaryStatus();
if (electron.available) {
  await rebuildElectronNative();
  runChild(electron.path, ['.', ...process.argv.slice(2)]);
} else {
  console.error(`tessera: ${electron.reason}; starting the browser console instead.`);
  runChild(process.execPath, ['out/main/serve.js', ...process.argv.slice(2)]);
}
