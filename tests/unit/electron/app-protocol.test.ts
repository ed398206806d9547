import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { protocol } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
const { registerAppScheme, serveAppScheme } = await import('../../../src/main/electron/app-protocol');

function servedApp() {
  const base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  const root = join(base, 'renderer');
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), '<h1>kiosk</h1>');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(base, 'secret.txt'), 'outside');
  symlinkSync(join(base, 'secret.txt'), join(root, 'linked.txt'));
  let handler: ((request: { url: string }) => Promise<Response>) | undefined;
  const sessionProtocol = { handle: (_scheme: string, h: typeof handler) => (handler = h) };
  serveAppScheme(sessionProtocol as never, root, "default-src 'none'", pino({ level: 'silent' }));
  return (url: string) => handler!({ url });
}

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme whose scripts V8 keeps compiled between starts', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('serves the renderer with the kiosk CSP', async () => {
    const fetchApp = servedApp();
    const response = await fetchApp('app://kiosk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(await response.text()).toBe('<h1>kiosk</h1>');
  });

  it.each([
    'app://kiosk/linked.txt',
    'app://kiosk/%2e%2e%2fsecret.txt',
    'app://kiosk/missing.js',
    // Chromium would answer a folder's file:// URL with a listing of the folder.
    'app://kiosk/assets',
    'app://evil/index.html',
  ])('answers 404 for %s', async (url) => {
    expect((await servedApp()(url)).status).toBe(404);
  });
});
