import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { electronBinaryStatus } from '../../scripts/electron-binary.mjs';
import { makeSampleToken } from '../fixtures/tokens';
import { InspectorPage } from '../pages/inspector-page';

// The desktop app runs the same inspector scenario as the browser specs, through the same page
// object: only the transport under the page differs (IPC and the preload instead of the bridge).

const binary = electronBinaryStatus();
if (!binary.available) console.log(`Electron specs skipped: ${binary.reason}.`);
test.skip(!binary.available, binary.reason);

let app: ElectronApplication | undefined;
let userDataDir: string;

test.beforeAll(async () => {
  // A fresh profile: the test neither touches the person's own Tessera data nor collides with a
  // running Tessera's single-instance lock, which lives in the profile.
  userDataDir = mkdtempSync(join(tmpdir(), 'tessera-electron-e2e-'));
  app = await electron.launch({
    // Given explicitly: without it Playwright loads the electron package, which downloads.
    executablePath: binary.path,
    // '.' starts the app as `npm start` does: package.json's name, version and entry point.
    args: ['.', `--user-data-dir=${userDataDir}`],
  });
});

/** The app's window; fails the test clearly if the app never started. */
function appWindow() {
  if (!app) throw new Error('Electron did not start; see the beforeAll error.');
  return app.firstWindow();
}

test.afterAll(async () => {
  await app?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

test('the desktop operator pastes a token and a JWKS: claims, lint, signature', async () => {
  const { token, jwks } = await makeSampleToken();
  const page = await appWindow();
  const inspector = new InspectorPage(page);
  await inspector.open();
  await expect(inspector.statusBar()).toContainText('Role: admin');

  await inspector.pasteToken(token);
  await expect(inspector.claimRow('sub')).toContainText('user-42');
  await expect(inspector.claimRow('exp')).toContainText('Expiry');
  await expect(inspector.findings()).toBeVisible();
  await expect(inspector.finding('lifetime')).toContainText('1 h');
  await expect(inspector.signatureVerdict()).toHaveAttribute('data-verdict', 'unchecked');

  await inspector.pasteKey('JWKS', jwks);
  await expect(inspector.signatureVerdict()).toHaveAttribute('data-verdict', 'valid');
  await expect(inspector.signatureVerdict()).toContainText('e2e-key');
});

test('the page gets the contract API and nothing else', async () => {
  const page = await appWindow();
  expect(page.url()).toBe('app://tessera/index.html');
  const seen = await page.evaluate(async () => {
    const scope = globalThis as unknown as {
      tessera: Record<string, unknown> & { call(name: string, input: unknown): Promise<unknown> };
      require?: unknown;
      process?: unknown;
    };
    return {
      keys: Object.keys(scope.tessera).sort(),
      require: typeof scope.require,
      process: typeof scope.process,
      unknownCall: await scope.tessera.call('no.such.call', {}),
    };
  });
  expect(seen.keys).toEqual(['call', 'subscribe']);
  expect(seen.require).toBe('undefined');
  expect(seen.process).toBe('undefined');
  expect(seen.unknownCall).toMatchObject({ ok: false, error: { code: 'ERR_UNKNOWN_CALL' } });
});
