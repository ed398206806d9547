import pino from 'pino';
import { unreportedCallDevices } from '../../../src/shared/contract/devices';
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type RequestHandlers } from '../../../src/main/contract/dispatcher';
import { ContractError } from '../../../src/shared/contract/frames';

/** What every snapshot carries besides its screen's content. */
const common = {
  preferences: { language: 'en', largeText: false },
  idleWarning: null,
  devices: unreportedCallDevices,
  staff: null,
} as const;

function recordingLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino(
    { level: 'debug' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { log, lines };
}

function handlers(overrides: Partial<RequestHandlers> = {}): RequestHandlers {
  return {
    'app.getInfo': () => ({ name: 'Visitation Kiosk', version: '1.0.0', host: 'preview' }),
    'kiosk.getState': () => ({ screen: 'attract', revision: 0, ...common }),
    'kiosk.begin': () => ({ screen: 'signIn', revision: 1, ...common, busy: false, failure: null }),
    'kiosk.cancel': () => ({ screen: 'attract', revision: 2, ...common }),
    'kiosk.activity': () => ({}),
    'kiosk.setLanguage': () => ({ screen: 'attract', revision: 0, ...common }),
    'kiosk.setLargeText': () => ({ screen: 'attract', revision: 0, ...common }),
    'session.signIn': () => ({ screen: 'attract', revision: 0, ...common }),
    'session.signOut': () => ({ screen: 'attract', revision: 0, ...common }),
    'visit.start': () => ({ screen: 'attract', revision: 0, ...common }),
    'visit.join': () => ({ screen: 'attract', revision: 0, ...common }),
    'visit.renewTicket': () => ({ screen: 'attract', revision: 0, ...common }),
    'visit.media': () => ({}),
    'visit.end': () => ({ screen: 'attract', revision: 0, ...common }),
    'devices.inventory': () => ({}),
    'devices.track': () => ({}),
    'staffMessage.get': () => ({ message: null }),
    'staffMessage.dismiss': () => ({}),
    'diagnostics.reportRendererError': () => ({}),
    'staff.open': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.signIn': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.signInOffline': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.act': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.diagnostics': () => ({ status: 'refused', reason: 'not_signed_in' }),
    'staff.decommission': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.decommissionCancel': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.close': () => ({ screen: 'attract', revision: 0, ...common }),
    'setup.checkServer': () => ({ screen: 'attract', revision: 0, ...common }),
    'setup.retry': () => ({ screen: 'attract', revision: 0, ...common }),
    'setup.continue': () => ({ screen: 'attract', revision: 0, ...common }),
    'setup.signInTechnician': () => ({ screen: 'attract', revision: 0, ...common }),
    'setup.signInWithCode': () => ({ screen: 'attract', revision: 0, ...common }),
    'setup.loadUnits': () => ({ screen: 'attract', revision: 0, ...common }),
    'setup.place': () => ({ screen: 'attract', revision: 0, ...common }),
    'setup.retryCheck': () => ({ screen: 'attract', revision: 0, ...common }),
    'setup.reportCheck': () => ({ screen: 'attract', revision: 0, ...common }),
    'setup.chooseDevices': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.chooseDevices': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.moveStart': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.move': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.moveCancel': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.checkStart': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.checkReport': () => ({ screen: 'attract', revision: 0, ...common }),
    'kiosk.checkReport': () => ({ screen: 'attract', revision: 0, ...common }),
    'staff.checkClose': () => ({ screen: 'attract', revision: 0, ...common }),
    'input.key': () => ({}),
    ...overrides,
  };
}

const request = (channel: string, payload: unknown, id = 1) => ({ type: 'request', id, channel, payload });

describe('contract dispatcher', () => {
  it('answers a valid request with the handler result', async () => {
    const { log } = recordingLog();
    const dispatch = createDispatcher(handlers(), log);
    expect(await dispatch(request('kiosk.begin', {}, 5))).toEqual({
      type: 'response',
      id: 5,
      ok: true,
      result: { screen: 'signIn', revision: 1, ...common, busy: false, failure: null },
    });
  });

  it.each([
    [null, null, 'invalid_frame'],
    ['text', null, 'invalid_frame'],
    [{ type: 'request', id: -1, channel: 'kiosk.begin', payload: {} }, null, 'invalid_frame'],
    [{ type: 'request', id: 3, channel: 'kiosk.begin', payload: {}, extra: true }, 3, 'invalid_frame'],
    [request('process.exit', {}, 4), 4, 'unknown_channel'],
    [request('__proto__', {}, 4), 4, 'unknown_channel'],
    [request('kiosk.begin', { screen: 'call' }, 6), 6, 'invalid_payload'],
    [request('diagnostics.reportRendererError', { message: 'x'.repeat(2001) }, 7), 7, 'invalid_payload'],
  ])('refuses %o before any handler runs', async (frame, id, code) => {
    const { log, lines } = recordingLog();
    const begin = vi.fn();
    const dispatch = createDispatcher(
      handlers({ 'kiosk.begin': begin, 'diagnostics.reportRendererError': begin }),
      log,
    );
    expect(await dispatch(frame)).toMatchObject({ type: 'response', id, ok: false, error: { code } });
    expect(begin).not.toHaveBeenCalled();
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'refused renderer request', code }));
  });

  it('never logs payload values, which may hold a PIN', async () => {
    const { log, lines } = recordingLog();
    const dispatch = createDispatcher(handlers(), log);
    await dispatch(request('diagnostics.reportRendererError', { message: 'ok', pin: '2468' }));
    expect(JSON.stringify(lines)).not.toContain('2468');
  });

  it('turns a ContractError into its code and anything else into handler_failed', async () => {
    const { log, lines } = recordingLog();
    const dispatch = createDispatcher(
      handlers({
        'kiosk.begin': () => {
          throw new ContractError('invalid_payload', 'not now');
        },
        'kiosk.cancel': () => Promise.reject(new Error('database is locked')),
      }),
      log,
    );
    expect(await dispatch(request('kiosk.begin', {}))).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', message: 'not now' },
    });
    expect(await dispatch(request('kiosk.cancel', {}))).toMatchObject({
      ok: false,
      error: { code: 'handler_failed', message: 'kiosk.cancel failed' },
    });
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request handler failed', channel: 'kiosk.cancel' }));
  });

  it('refuses to send a result that breaks the contract', async () => {
    const { log } = recordingLog();
    const dispatch = createDispatcher(
      handlers({ 'kiosk.getState': () => ({ screen: 'nowhere', revision: 0, ...common }) as never }),
      log,
    );
    expect(await dispatch(request('kiosk.getState', {}))).toMatchObject({
      ok: false,
      error: { code: 'invalid_response' },
    });
  });
});
