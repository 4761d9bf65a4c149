import { spawn } from 'node:child_process';

/** Runs a child with our terminal, forwards Ctrl-C and SIGTERM to it, and exits with its code. */
export function runChild(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
