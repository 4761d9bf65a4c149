// `npm run serve`: build, then run the headless console host with the given arguments.
import { buildApp } from './build-app.mjs';
import { runChild } from './run-child.mjs';

buildApp();
runChild(process.execPath, ['out/main/serve.js', ...process.argv.slice(2)]);
