import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isInsideRoot, resolveAppAsset, resolveAssetPath } from '../../../src/main/policy/app-assets';
import { createStaticHandler } from '../../../src/main/preview/static-files';
import { anyText, generatedRuns, hostilePath } from '../../support/arbitraries';
import { sendRaw, type RawAnswer } from '../../support/raw-http';

vi.mock('electron', () => import('../electron/fake-electron'));
const { serveAppScheme } = await import('../../../src/main/electron/app-protocol');

// Generated paths against both hosts' file serving: the pure resolver never maps outside the
// renderer's folder, and the preview's HTTP handler and the app:// handler serve only files inside it
// (links followed), with their own content, and answer everything else with a plain refusal.

const outsideSecret = 'outside-the-renderer-folder';

function rendererFolder(): { root: string; files: Map<string, string> } {
  const base = mkdtempSync(join(tmpdir(), 'asset-paths-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(base, 'secret.txt'), outsideSecret);
  writeFileSync(join(base, 'renderer-sibling.txt'), outsideSecret);
  const files = new Map([
    ['index.html', '<!doctype html><title>kiosk</title>'],
    ['assets/app.js', 'console.log("app")'],
    ['assets/é.css', 'body{}'],
  ]);
  for (const [name, content] of files) writeFileSync(join(root, name), content);
  symlinkSync(join(base, 'secret.txt'), join(root, 'linked.txt'));
  symlinkSync(base, join(root, 'assets', 'up'));
  return { root, files };
}

/** Paths and whole URLs, as a page or a hostile script could ask for them. */
const appUrl = fc.oneof(
  { weight: 6, arbitrary: hostilePath.map((path) => `app://kiosk${path.startsWith('/') ? '' : '/'}${path}`) },
  { weight: 1, arbitrary: hostilePath.map((path) => `app://evil${path}`) },
  { weight: 1, arbitrary: hostilePath.map((path) => `file://${path}`) },
  { weight: 1, arbitrary: anyText },
);

describe('generated asset paths', () => {
  const { root, files } = rendererFolder();
  const contents = new Set(files.values());

  it('the resolver never maps a path outside the renderer folder, nor throws', () => {
    fc.assert(
      fc.property(fc.oneof(hostilePath, anyText), appUrl, (path, url) => {
        for (const resolution of [resolveAssetPath(path, root), resolveAppAsset(url, root)]) {
          if (resolution.allow) {
            expect(isInsideRoot(resolution.path, root)).toBe(true);
            expect(resolution.path).not.toContain('\0');
          } else {
            expect(resolution.reason.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: generatedRuns },
    );
  });

  describe('through the preview host’s file handler', () => {
    const server = createServer((request, response) => {
      void createStaticHandler(root, "default-src 'self'")(request, response).catch(() => {
        response.writeHead(500).end();
      });
    });
    let base = '';
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('serves only the folder’s own files and refuses the rest plainly', async () => {
      await fc.assert(
        fc.asyncProperty(hostilePath, async (path) => {
          const response = await fetchRaw(base, path);
          expect([200, 400, 404]).toContain(response.status);
          if (response.status === 200) expect(contents).toContain(response.body);
          expect(response.body).not.toContain(outsideSecret);
        }),
        { numRuns: generatedRuns },
      );
      expect((await fetchRaw(base, '/assets/app.js')).body).toBe(files.get('assets/app.js'));
    });
  });

  it('through the app:// handler serves only the folder’s own files', async () => {
    let handler: ((request: { url: string }) => Promise<Response>) | undefined;
    const sessionProtocol = { handle: (_scheme: string, given: typeof handler) => (handler = given) };
    serveAppScheme(sessionProtocol as never, root, "default-src 'none'", pino({ level: 'silent' }));
    const realRoot = realpathSync(root);

    await fc.assert(
      fc.asyncProperty(appUrl, async (url) => {
        const response = await handler!({ url });
        const body = await response.text();
        expect([200, 404]).toContain(response.status);
        if (response.status === 200) {
          expect(contents).toContain(body);
          expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
        }
        expect(body).not.toContain(outsideSecret);
      }),
      { numRuns: generatedRuns },
    );
    expect(await (await handler!({ url: 'app://kiosk/index.html' })).text()).toBe(
      readFileSync(join(realRoot, 'index.html'), 'utf8'),
    );
  });
});

/** A GET with the path exactly as generated: fetch would normalise dots and backslashes away. */
function fetchRaw(base: string, path: string): Promise<RawAnswer> {
  return sendRaw(base, `GET ${path.length === 0 ? '/' : path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
}
