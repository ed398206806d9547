import { describe, expect, it } from 'vitest';
import { inmateFacingError, LastInmateError } from '../../../src/main/kiosk/inmate-errors';
import { localMidnight, todayFigures } from '../../../src/main/kiosk/today-figures';
import { openStore } from '../../../src/main/store/store';
import type { KioskSnapshot } from '../../../src/shared/contract/kiosk';
import { silentLog, tempDir } from '../store/helpers';
import { visit } from './fixtures';

const at = (local: string): number => new Date(local).getTime();
const drop = { startedAt: '2026-12-03T09:00:00.000Z', endedAt: '2026-12-03T09:00:03.000Z', cause: 'media_stalled' };

describe('today’s figures from the kiosk’s ledger', () => {
  it('counts the visits written since local midnight, their minutes connected and lost, and their drops', () => {
    let now = at('2026-12-02T23:40:00');
    const store = openStore({ dir: tempDir(), log: silentLog, serverNow: () => now });
    try {
      const ledger = (visitId: string, connectedSeconds: number, disconnectedSeconds: number, drops: number) =>
        store.ledger.save({
          visitId,
          connectedSeconds,
          disconnectedSeconds,
          drops: Array.from({ length: drops }, () => drop),
          final: true,
        });
      ledger('yesterday', 1200, 30, 2);
      now = at('2026-12-03T08:15:00');
      ledger('morning', 1500, 12, 1);
      now = at('2026-12-03T13:45:00');
      ledger('afternoon', 900, 48, 3);

      expect(todayFigures(store.ledger, now)).toEqual({
        visits: 2,
        connectedMinutes: 40,
        lostMinutes: 1,
        reconnects: 4,
      });
      // A visit that goes on past midnight counts on the day its ledger was last written.
      expect(todayFigures(store.ledger, at('2026-12-04T00:05:00'))).toEqual({
        visits: 0,
        connectedMinutes: 0,
        lostMinutes: 0,
        reconnects: 0,
      });
    } finally {
      store.close();
    }
  });

  it('takes the day by the local clock', () => {
    expect(localMidnight(at('2026-12-03T00:00:00'))).toBe(at('2026-12-03T00:00:00'));
    expect(localMidnight(at('2026-12-03T23:59:59'))).toBe(at('2026-12-03T00:00:00'));
  });
});

const common = {
  revision: 1,
  preferences: { language: 'en', largeText: false },
  idleWarning: null,
  devices: { camera: { state: 'ok' }, microphone: { state: 'ok' } },
  staff: null,
} as unknown as Omit<KioskSnapshot, 'screen'>;
const snapshot = (screen: Record<string, unknown>): KioskSnapshot => ({ ...common, ...screen }) as KioskSnapshot;
const signInFailed = (reason: string) =>
  snapshot({ screen: 'signIn', busy: false, failure: { reason, retryAt: null } });

describe('the errors an inmate is shown', () => {
  it('names each screen’s error, and none for a screen without one', () => {
    expect(inmateFacingError(signInFailed('server_unavailable'))).toBe('sign_in.server_unavailable');
    expect(inmateFacingError(snapshot({ screen: 'signIn', busy: false, failure: null }))).toBeNull();
    expect(
      inmateFacingError(
        snapshot({
          screen: 'visits',
          busy: false,
          inmate: { displayName: 'Marcus R.' },
          visits: [],
          notice: { reason: 'call_failed' },
        }),
      ),
    ).toBe('visits.call_failed');
    expect(inmateFacingError(snapshot({ screen: 'devicesUnavailable' }))).toBe('devices_unavailable');
    const summary = { screen: 'summary', visit, time: { connectedSeconds: 0, disconnectedSeconds: 0 } };
    expect(inmateFacingError(snapshot({ ...summary, reason: 'failed' }))).toBe('call.failed');
    expect(inmateFacingError(snapshot({ ...summary, reason: 'hung_up_by_inmate' }))).toBeNull();
    expect(inmateFacingError(snapshot({ screen: 'attract' }))).toBeNull();
  });

  it('remembers the last one when it appears, not again while it stays on screen', () => {
    let now = Date.parse('2026-12-03T10:00:00Z');
    const last = new LastInmateError(() => now);
    expect(last.current()).toBeNull();
    last.see(signInFailed('bad_credentials'));
    expect(last.current()).toEqual({ code: 'sign_in.bad_credentials', at: '2026-12-03T10:00:00.000Z' });
    now += 5000;
    last.see(signInFailed('bad_credentials'));
    expect(last.current()?.at).toBe('2026-12-03T10:00:00.000Z');
    last.see(snapshot({ screen: 'attract' }));
    expect(last.current()?.code).toBe('sign_in.bad_credentials');
    now += 5000;
    last.see(signInFailed('bad_credentials'));
    expect(last.current()?.at).toBe('2026-12-03T10:00:10.000Z');
  });
});
