import { randomBytes } from 'node:crypto';
import { vi } from 'vitest';
import { DeviceService } from '../../../src/main/devices/device-service';
import { KioskMachine } from '../../../src/main/kiosk/kiosk-machine';
import { KioskView } from '../../../src/main/kiosk/kiosk-view';
import type { VisitationService } from '../../../src/main/kiosk/visitation-service';
import { StaffMessageBoard } from '../../../src/main/kiosk/staff-message';
import { ServiceDimension } from '../../../src/main/staff/service-dimension';
import { StaffActions } from '../../../src/main/staff/staff-actions';
import { StaffOverlay, type StaffOverlayDeps } from '../../../src/main/staff/staff-overlay';
import { openStore, type Store } from '../../../src/main/store/store';
import type { KioskScreen } from '../../../src/shared/contract/kiosk';
import { kioskVisitation, visit } from '../kiosk/fixtures';
import { FakeClock, silentLog } from '../store/helpers';
import { deriveOfflineCodeHash, newOfflineCode } from '../../../server/staff/offline-codes';
import type { OfflineCodeVerifier } from '../../../src/shared/protocol/staff';

export const inmateSession = { token: 't'.repeat(43), displayName: 'James R.', visits: [visit] };
const media = { serverUrl: 'http://127.0.0.1:4000', ticket: 'x'.repeat(40) };

/** A visitation service that answers at once, as a reachable server would. */
export function answeringService() {
  const service: VisitationService = {
    signIn: vi.fn(async () => ({ ok: true as const, session: inmateSession })),
    listVisits: vi.fn(async () => [visit]),
    joinVisit: vi.fn(async () => ({ ok: true as const, endsAt: visit.endsAt, media })),
    endVisit: vi.fn(async () => {}),
    signOut: vi.fn(async () => {}),
    resumeVisit: vi.fn(async () => ({ ok: false as const, reason: 'server_unavailable' as const })),
  };
  return service;
}

export interface StaffHarness {
  store: Store;
  service: VisitationService;
  kiosk: KioskMachine;
  dimension: ServiceDimension;
  devices: DeviceService;
  actions: StaffActions;
  overlay: StaffOverlay;
  view: KioskView;
  clock: FakeClock;
  reloads: () => number;
  restarts: () => number;
  reboots: () => number;
}

/**
 * The kiosk's three dimensions wired as `createMainServices` wires them, over a real store in `dir`
 * and a visitation service that answers at once; `host` says whether it can reboot the computer.
 */
export function staffHarness(
  dir: string,
  overlayDeps: Partial<StaffOverlayDeps> = {},
  host: { canReboot: boolean } = { canReboot: true },
): StaffHarness {
  const store = openStore({ dir, log: silentLog });
  const service = answeringService();
  const clock = new FakeClock();
  const dimension = new ServiceDimension(store.staff, clock.now);
  const kiosk = new KioskMachine(kioskVisitation(service).visitation, {
    acceptsInmates: () => dimension.acceptsInmates(),
  });
  let reloaded = 0;
  let restarts = 0;
  let reboots = 0;
  const devices = new DeviceService({
    choices: {
      read: () => store.config.get('deviceChoices') ?? {},
      write: (choices) => store.config.set({ deviceChoices: choices }),
    },
    log: silentLog,
  });
  const actions = new StaffActions({
    service: dimension,
    kiosk,
    devices,
    messages: new StaffMessageBoard(clock.now),
    audit: store.audit,
    atomically: (work) => store.atomically(work),
    reloadRenderer: () => (reloaded += 1),
    restartApp: () => (restarts += 1),
    ...(host.canReboot ? { reboot: () => (reboots += 1) } : {}),
  });
  const overlay = new StaffOverlay({
    authenticator: undefined,
    serverReachable: () => false,
    codes: store.staff,
    actions,
    audit: store.audit,
    atomically: (work) => store.atomically(work),
    serverNow: clock.now,
    timer: clock,
    deviceChooser: () => devices.chooser(),
    glance: () => ({
      service: dimension.current(),
      visit: kiosk.visitInProgress(),
      devices: {},
      serverLink: 'disconnected',
      outboxPending: store.outbox.status().pending,
      version: '1.0.0',
    }),
    ...overlayDeps,
  });
  const view = new KioskView(kiosk, dimension, overlay);
  return {
    store,
    service,
    kiosk,
    dimension,
    devices,
    actions,
    overlay,
    view,
    clock,
    reloads: () => reloaded,
    restarts: () => restarts,
    reboots: () => reboots,
  };
}

/** Takes the inmate's session to `screen` the way a person would. */
export async function goTo(
  kiosk: KioskMachine,
  screen: Exclude<KioskScreen, 'locked' | 'outOfService'>,
): Promise<void> {
  if (screen === 'attract') return;
  kiosk.begin();
  if (screen === 'signIn') return;
  await kiosk.signIn('100234', '2468');
  if (screen === 'visits') return;
  kiosk.startVisit(visit.visitId);
  if (screen === 'precheck') return;
  await kiosk.joinVisit(visit.visitId);
  if (screen === 'call') return;
  await kiosk.endVisit(visit.visitId, 'hung_up_by_inmate');
}

/** A cost low enough for tests; the server's own is 2^15. */
const cost = { N: 2 ** 12, r: 8, p: 1 };

/** An offline code and its verifier, made by the reference server's own code. */
export async function issued(
  staffId: string,
  role: 'officer' | 'technician',
  expiresAt: string,
): Promise<{ code: string; verifier: OfflineCodeVerifier }> {
  const code = newOfflineCode();
  const salt = randomBytes(16);
  const hash = await deriveOfflineCodeHash(code, salt, cost);
  return {
    code,
    verifier: {
      codeId: randomBytes(12).toString('base64url'),
      staffId,
      role,
      salt: salt.toString('base64url'),
      hash: hash.toString('base64url'),
      n: cost.N,
      r: cost.r,
      p: cost.p,
      expiresAt,
    },
  };
}
