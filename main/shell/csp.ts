/**
 * The desktop console's Content-Security-Policy, sent with every app:// response: only its own
 * scripts, styles and fonts, no inline script, no eval, no remote origin. Main is reached over
 * IPC, so `connect-src 'self'` suffices (the headless host has its own, with its ws: bridge).
 */
export const appCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
