import { describe, expect, it } from 'vitest';
import type { ConsoleHousingUnit, ConsoleKiosk } from '../../src/shared/protocol/console';
import type { KioskStatus } from '../../src/shared/protocol/kiosk-status';
import { attractStatus } from '../test-support/clients';
import { outboxBacklog, rankByTrouble } from './page/fleet-trouble';

const now = new Date('2026-12-03T15:00:00Z');
const healthy: KioskStatus = {
  ...attractStatus,
  devices: { camera: 'ok', microphone: 'ok' },
  today: { visits: 3, connectedMinutes: 60, lostMinutes: 0, reconnects: 0 },
  lastInmateError: null,
};

function kiosk(kioskId: string, change: Partial<ConsoleKiosk> = {}, status: Partial<KioskStatus> = {}): ConsoleKiosk {
  return {
    kioskId,
    housingUnitId: 'b-east',
    location: null,
    online: true,
    lastSeenAt: '2026-12-03T14:59:50Z',
    status: { ...healthy, ...status },
    lastMediaCheck: null,
    ...change,
  };
}

const unit = (kiosks: ConsoleKiosk[]): ConsoleHousingUnit[] => [
  { id: 'b-east', name: 'B-East', updateChannel: 'stable', kiosks, offlineCodes: [] },
];
const order = (kiosks: ConsoleKiosk[]) => rankByTrouble(unit(kiosks), now).map((entry) => entry.kiosk.kioskId);

describe('the fleet ranked by trouble', () => {
  it('puts offline longest first, then device faults, outbox backlog, lost minutes, inmate errors, then the rest', () => {
    expect(
      order([
        kiosk('k-fine'),
        kiosk('k-lost-5', {}, { today: { visits: 2, connectedMinutes: 30, lostMinutes: 5, reconnects: 3 } }),
        kiosk('k-offline-recent', { online: false, lastSeenAt: '2026-12-03T14:00:00Z' }),
        kiosk('k-camera', {}, { devices: { camera: 'fault', microphone: 'ok' } }),
        kiosk('k-never', { online: false, lastSeenAt: null, status: null }),
        kiosk('k-backlog', {}, { outboxPending: outboxBacklog + 5 }),
        kiosk('k-offline-old', { online: false, lastSeenAt: '2026-12-01T09:00:00Z' }),
        kiosk('k-two-devices', {}, { devices: { camera: 'missing', microphone: 'degraded' } }),
        kiosk('k-lost-1', {}, { today: { visits: 1, connectedMinutes: 10, lostMinutes: 1, reconnects: 1 } }),
        kiosk('k-error', {}, { lastInmateError: { code: 'sign_in.server_unavailable', at: '2026-12-03T14:30:00Z' } }),
      ]),
    ).toEqual([
      'k-never',
      'k-offline-old',
      'k-offline-recent',
      'k-two-devices',
      'k-camera',
      'k-backlog',
      'k-lost-5',
      'k-lost-1',
      'k-error',
      'k-fine',
    ]);
  });

  it('says what is wrong with each, and nothing for a small outbox, an old error or an earlier version’s heartbeat', () => {
    const [camera, oldError, fine, earlier] = rankByTrouble(
      unit([
        kiosk('a-camera', {}, { devices: { camera: 'fault' }, outboxPending: 3 }),
        kiosk('b-old-error', {}, { lastInmateError: { code: 'call.failed', at: '2026-12-01T10:00:00Z' } }),
        kiosk('c-fine'),
        kiosk('d-earlier', {}, { today: undefined, lastInmateError: undefined }),
      ]),
      now,
    );
    expect(camera?.troubles).toEqual([{ kind: 'device', device: 'camera', health: 'fault' }]);
    expect(oldError?.troubles).toEqual([]);
    expect(fine?.troubles).toEqual([]);
    expect(earlier?.troubles).toEqual([]);
  });
});
