/**
 * The part of an OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service
 * on Linux) the vault uses. An interface rather than keytar itself, so that keytar stays an
 * optional dependency and tests can inject a keychain that fails.
 */
export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  /** Resolves false when there was nothing to delete. */
  deletePassword(service: string, account: string): Promise<boolean>;
}

// Named through a variable so that neither TypeScript nor the bundler needs keytar to exist:
// it is optional, and a machine where its native build failed must still typecheck and build.
const keytarName = 'keytar';

/**
 * Loads keytar as a {@link Keychain}, or resolves null when it is not installed or its native
 * part does not load (keytar is optional: Tessera then falls back to a key file). Loading
 * says nothing about whether a keychain answers; its calls may still reject.
 */
export async function loadKeytar(log?: (line: string) => void): Promise<Keychain | null> {
  let keytar: Partial<Keychain>;
  try {
    // keytar is CommonJS: depending on the loader its functions arrive as named exports or
    // only on `default`.
    const loaded = (await import(keytarName)) as Partial<Keychain> & { default?: Keychain };
    keytar = loaded.default ?? loaded;
  } catch (error) {
    log?.(`keytar could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  // Checked because nothing typed the import: keytar's functions do not use `this`, so they
  // can be taken off the module as they are.
  const { getPassword, setPassword, deletePassword } = keytar;
  if (!getPassword || !setPassword || !deletePassword) {
    log?.('keytar loaded without its keychain functions.');
    return null;
  }
  return { getPassword, setPassword, deletePassword };
}
