import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { expect, test } from './support/preview-host';

/** Sends raw text on the page's own origin, the way a compromised renderer could, and returns the answer. */
async function sendRaw(page: Page, text: string): Promise<unknown> {
  return page.evaluate(
    (message) =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(new URL('/contract', location.href).toString().replace(/^http/, 'ws'));
        socket.onopen = () => socket.send(message);
        socket.onmessage = (event) => {
          const frame = JSON.parse(String(event.data)) as { type: string };
          if (frame.type !== 'response') return;
          socket.close();
          resolve(frame);
        };
        socket.onerror = () => reject(new Error('socket failed'));
      }),
    text,
  );
}

test('main refuses unknown channels, invalid payloads and garbage, logs why, and keeps working', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);

  expect(await sendRaw(page, JSON.stringify({ type: 'request', id: 7, channel: 'shell.exec', payload: {} }))).toEqual({
    type: 'response',
    id: 7,
    ok: false,
    error: { code: 'unknown_channel', message: 'no request named "shell.exec"' },
  });
  expect(
    await sendRaw(
      page,
      JSON.stringify({ type: 'request', id: 8, channel: 'diagnostics.reportRendererError', payload: { message: 42 } }),
    ),
  ).toMatchObject({ id: 8, ok: false, error: { code: 'invalid_payload' } });
  expect(await sendRaw(page, 'not json at all')).toMatchObject({
    id: null,
    ok: false,
    error: { code: 'invalid_frame' },
  });
  expect(
    await sendRaw(page, JSON.stringify({ type: 'request', id: 9, channel: 'kiosk.begin', payload: { extra: 1 } })),
  ).toMatchObject({
    id: 9,
    ok: false,
    error: { code: 'invalid_payload' },
  });

  // None of it reached a handler: the kiosk is still on its first screen and still answers.
  await expect(page.getByRole('button', { name: /touch the screen to begin/i })).toBeVisible();
  await page.getByRole('button', { name: /touch the screen to begin/i }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await expect
    .poll(() =>
      kiosk
        .logs()
        .filter((line) => line.msg === 'refused renderer request')
        .map((line) => line.code),
    )
    .toEqual(['unknown_channel', 'invalid_payload', 'invalid_frame', 'invalid_payload']);
});

test('a socket from another origin is refused before it can speak the contract', async ({ kiosk }) => {
  const status = await new Promise<number>((resolve) => {
    const socket = new WebSocket(`${kiosk.url.replace('http', 'ws')}/contract`, { origin: 'http://evil.example' });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('open', () => resolve(101));
  });
  expect(status).toBe(403);
});

test('paths outside the renderer are not served', async ({ request, kiosk }) => {
  for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/missing.js']) {
    const response = await request.get(`${kiosk.url}${path}`);
    expect(response.status(), path).toBe(404);
  }
});
