/**
 * The desktop shell's log. Callers pass fixed sentences, URLs and error objects only: never
 * a token, key material or a call's input, which is why there is no "log this value" method.
 */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

const prefix = '[tessera]';

/** Writes to the console (the terminal Tessera was started from, or the OS log). */
export const log: Log = {
  info: (message) => console.log(`${prefix} ${message}`),
  warn: (message) => console.warn(`${prefix} ${message}`),
  error: (message, error) =>
    error === undefined
      ? console.error(`${prefix} ${message}`)
      : console.error(`${prefix} ${message}:`, error),
};

/**
 * A URL as it may appear in the log: scheme, host and path only. Query and fragment are cut
 * because that is where tokens travel (`?access_token=`, `#id_token=`).
 */
export function urlForLog(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.slice(0, 200);
  } catch {
    return '(not a URL)';
  }
}
