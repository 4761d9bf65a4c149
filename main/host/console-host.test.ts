import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bridgeAuthPrefix, bridgeProtocol, type ServerFrame } from '../../shared/contract';
import { createCore, type Core } from '../core/core';
import { startConsoleHost, type ConsoleHost } from './console-host';

let host: ConsoleHost;
let core: Core;
let port: number;
const logged: string[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-host-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Tessera</title>');
  core = await createCore({
    dataDir: join(dir, 'data'),
    version: 'test',
    issuer: 'http://127.0.0.1:1',
    log: () => {},
    logError: () => {},
    keychain: null,
  });
  host = await startConsoleHost({
    dispatch: core.dispatch,
    bus: core.bus,
    rendererDir,
    port: 0,
    log: (line) => logged.push(line),
  });
  port = Number(new URL(host.url).port);
});

afterAll(async () => {
  await host.close();
  core.close();
});

const tokenOf = (link: string) => new URL(link).hash.replace('#token=', '');

/** Opens the bridge as a browser would; resolves with the upgrade's status or the open socket. */
function connect(options: { token?: string; host?: string; origin?: string }) {
  const protocols = [bridgeProtocol];
  if (options.token !== undefined) protocols.push(`${bridgeAuthPrefix}${options.token}`);
  const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, protocols, {
    headers: { host: options.host ?? `127.0.0.1:${port}` },
    origin: options.origin ?? `http://127.0.0.1:${port}`,
  });
  const frames: ServerFrame[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as ServerFrame));
  return new Promise<{ ws: WebSocket; frames: ServerFrame[] } | { status: number }>((resolve) => {
    ws.on('open', () => resolve({ ws, frames }));
    ws.on('unexpected-response', (_request, response) =>
      resolve({ status: response.statusCode ?? 0 }),
    );
    ws.on('error', () => {});
  });
}

async function nextFrame(frames: ServerFrame[], match: (frame: ServerFrame) => boolean) {
  for (let waited = 0; waited < 5000; waited += 10) {
    const found = frames.find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no matching frame arrived');
}

describe('console host', () => {
  it('prints links that carry the token only in the fragment, one per role', () => {
    expect(host.links.admin).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${port}/#token=[\\w-]{43}$`),
    );
    expect(tokenOf(host.links.admin)).not.toBe(tokenOf(host.links.support));
  });

  it('serves the console with a strict CSP and refuses a foreign Host (DNS rebinding)', async () => {
    const ok = await fetch(host.url);
    expect(ok.status).toBe(200);
    const csp = ok.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(ok.headers.get('access-control-allow-origin')).toBeNull();

    const rebound = await new Promise<number>((resolve) => {
      import('node:http').then(({ get }) =>
        get(
          { host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } },
          (res) => resolve(res.statusCode ?? 0),
        ),
      );
    });
    expect(rebound).toBe(421);
  });

  it('refuses path traversal', async () => {
    const res = await fetch(`${host.url}..%2f..%2fetc%2fpasswd.txt`);
    expect(res.status).toBe(404);
  });

  it('refuses the bridge without a token, with a wrong token, from a foreign Origin or Host', async () => {
    expect(await connect({})).toEqual({ status: 401 });
    expect(await connect({ token: 'x'.repeat(43) })).toEqual({ status: 401 });
    const admin = tokenOf(host.links.admin);
    expect(await connect({ token: admin, origin: 'http://evil.example' })).toEqual({ status: 403 });
    expect(await connect({ token: admin, origin: 'http://127.0.0.1:1' })).toEqual({ status: 403 });
    expect(await connect({ token: admin, host: `rebind.example:${port}` })).toEqual({
      status: 421,
    });
    expect(logged.join('\n')).not.toContain(admin);
  });

  it('greets each link with its own role', async () => {
    for (const role of ['admin', 'support'] as const) {
      const opened = await connect({ token: tokenOf(host.links[role]) });
      if (!('ws' in opened)) throw new Error(`refused with ${opened.status}`);
      expect(await nextFrame(opened.frames, (f) => f.kind === 'hello')).toEqual({
        kind: 'hello',
        role,
      });
      opened.ws.close();
    }
  });

  it('carries calls with validation errors naming the field, and live event batches', async () => {
    const opened = await connect({ token: tokenOf(host.links.support) });
    if (!('ws' in opened)) throw new Error(`refused with ${opened.status}`);
    const { ws, frames } = opened;
    ws.send(JSON.stringify({ kind: 'subscribe', id: 1, filter: { types: ['token.inspected'] } }));
    ws.send(JSON.stringify({ kind: 'call', id: 2, name: 'tokens.inspect', input: { token: 42 } }));
    const invalid = await nextFrame(frames, (f) => f.kind === 'result' && f.id === 2);
    expect(invalid).toMatchObject({ result: { ok: false, error: { code: 'ERR_VALIDATION' } } });
    expect(JSON.stringify(invalid)).toContain('token');

    const header = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })).toString(
      'base64url',
    );
    const payload = Buffer.from(JSON.stringify({ iss: 'https://issuer.test', exp: 1 })).toString(
      'base64url',
    );
    ws.send(
      JSON.stringify({
        kind: 'call',
        id: 3,
        name: 'tokens.inspect',
        input: { token: `${header}.${payload}.c2ln` },
      }),
    );
    const inspected = await nextFrame(frames, (f) => f.kind === 'result' && f.id === 3);
    expect(inspected).toMatchObject({
      result: { ok: true, value: { header: { kid: 'k1' }, signature: null } },
    });

    const batch = await nextFrame(frames, (f) => f.kind === 'events' && f.id === 1);
    expect(batch).toMatchObject({
      batch: {
        dropped: 0,
        events: [{ type: 'token.inspected', payload: { kid: 'k1', by: 'support link' } }],
      },
    });
    ws.close();
  });

  it('replays logged events after a seq before the live ones (a console resumes without a gap)', async () => {
    const opened = await connect({ token: tokenOf(host.links.admin) });
    if (!('ws' in opened)) throw new Error(`refused with ${opened.status}`);
    const { ws, frames } = opened;
    ws.send(
      JSON.stringify({
        kind: 'subscribe',
        id: 7,
        filter: { types: ['token.inspected'], afterSeq: 0 },
      }),
    );
    const replayed = await nextFrame(frames, (f) => f.kind === 'events' && f.id === 7);
    // The inspection made by the previous test was logged before this console subscribed.
    expect(replayed).toMatchObject({
      batch: { events: [expect.objectContaining({ seq: 1, type: 'token.inspected' })] },
    });
    ws.close();
  });

  it('answers an unknown call with ERR_UNKNOWN_CALL and closes on a frame that is not the protocol', async () => {
    const opened = await connect({ token: tokenOf(host.links.admin) });
    if (!('ws' in opened)) throw new Error(`refused with ${opened.status}`);
    opened.ws.send(JSON.stringify({ kind: 'call', id: 9, name: 'nope', input: {} }));
    expect(await nextFrame(opened.frames, (f) => f.kind === 'result')).toMatchObject({
      result: { ok: false, error: { code: 'ERR_UNKNOWN_CALL' } },
    });
    const closed = new Promise<number>((resolve) => opened.ws.on('close', (code) => resolve(code)));
    opened.ws.send('not json');
    expect(await closed).toBe(1003);
  });
});
