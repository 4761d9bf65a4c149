/**
 * The console's Content-Security-Policy in a browser: only its own scripts and styles,
 * and the WebSocket bridge on its own origin. No inline script, no eval, no remote origin.
 */
export function consoleCsp(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
