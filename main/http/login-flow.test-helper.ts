// The login page as a browser drives it, for the HTTP tests and the browser specs' fixtures.
// Free of vitest so that Playwright fixtures can import it too; the demo's virtual users use
// the same code, so it lives with them.

export { logInAs, submitLogin, type BrowserOptions } from '../demo/login-form';
