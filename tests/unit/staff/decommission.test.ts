import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupStepAtStart } from '../../../src/main/provisioning/setup-step';
import { Decommission, type ServerVerdict } from '../../../src/main/staff/decommission';
import { decideDecommission, keptAfterDecommission } from '../../../src/main/staff/decommission-plan';
import { mayUseTool } from '../../../src/main/staff/permissions';
import { openStore, storeFileName, type Store } from '../../../src/main/store/store';
import type { KioskDecommissionRequest } from '../../../src/shared/protocol/control';
import { flush, silentLog, tempDir } from '../store/helpers';

const token = 'secret-kiosk-token-'.padEnd(43, 'x');
const facts = { role: 'technician', inVisit: false, pending: 0, force: false, serverReachable: true } as const;

let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

/** A kiosk store as one in service holds it: provisioned, with records about people and visits. */
function storeInService(dir: string): Store {
  const opened = openStore({ dir, log: silentLog });
  opened.config.set({
    serverUrl: 'http://127.0.0.1:4000',
    kioskId: 'kiosk-1',
    kioskToken: token,
    housingUnit: 'B-East',
    devices: { camera: null, microphone: null, speaker: null, handset: null },
    deviceChoices: {},
    hookSource: { kind: 'none' },
    setupStep: 'done',
  });
  opened.ledger.save({
    visitId: 'visit-of-100234',
    connectedSeconds: 60,
    disconnectedSeconds: 0,
    drops: [],
    final: true,
  });
  opened.audit.record({ action: 'inmate.signedIn', actor: 'inmate:100234', detail: { where: 'kiosk' } });
  opened.staff.setServiceState({ state: 'locked', since: '2026-12-03T10:00:00.000Z', by: 'officer-7001' });
  // The sign-in's audit went to the server as it does in service: the outbox starts drained.
  opened.outbox.settle({ delivered: pendingKeys(opened), rejected: [], retry: [] });
  return opened;
}

function pendingKeys(target: Store): string[] {
  return target.outbox.list('pending', 100).map((entry) => entry.key);
}

describe('whether a decommission may proceed', () => {
  it('is a technician’s tool only', () => {
    expect(mayUseTool('technician', 'decommission')).toBe(true);
    expect(mayUseTool('officer', 'decommission')).toBe(false);
    expect(decideDecommission({ ...facts, role: 'officer' })).toEqual({ go: 'refused', reason: 'not_permitted' });
  });

  it('is refused during a visit, even forced', () => {
    expect(decideDecommission({ ...facts, inVisit: true, pending: 3, force: true })).toEqual({
      go: 'refused',
      reason: 'in_visit',
    });
  });

  it('waits while records are pending, whether or not the server is up', () => {
    expect(decideDecommission({ ...facts, pending: 3 })).toEqual({ go: 'wait', pending: 3 });
    expect(decideDecommission({ ...facts, pending: 3, serverReachable: false })).toEqual({ go: 'wait', pending: 3 });
  });

  it('refuses to force, or to finish, without the server', () => {
    expect(decideDecommission({ ...facts, pending: 3, force: true, serverReachable: false })).toEqual({
      go: 'refused',
      reason: 'server_unreachable',
    });
    expect(decideDecommission({ ...facts, serverReachable: false })).toEqual({
      go: 'refused',
      reason: 'server_unreachable',
    });
  });

  it('wipes a drained kiosk losing nothing, and a forced one saying how many are lost', () => {
    expect(decideDecommission(facts)).toEqual({ go: 'wipe', forced: false, recordsLost: 0 });
    expect(decideDecommission({ ...facts, force: true })).toEqual({ go: 'wipe', forced: false, recordsLost: 0 });
    expect(decideDecommission({ ...facts, pending: 2, force: true })).toEqual({
      go: 'wipe',
      forced: true,
      recordsLost: 2,
    });
  });
});

describe('what a decommission wipes, in a real store', () => {
  it('leaves no token, no person and no record, keeps the hardware’s wiring, and starts at first boot', () => {
    const dir = tempDir();
    store = storeInService(dir);
    store.outbox.enqueue('device.fault', {
      device: 'camera',
      fault: 'unplugged',
      at: '2026-12-03T10:00:00.000Z',
      cleared: false,
    });
    store.wipe(keptAfterDecommission);

    expect(store.config.get('kioskToken')).toBeUndefined();
    expect(store.config.get('serverUrl')).toBeUndefined();
    expect(store.config.get('housingUnit')).toBeUndefined();
    expect(store.config.get('hookSource')).toEqual({ kind: 'none' });
    expect(store.config.get('deviceChoices')).toEqual({});
    expect(store.outbox.status().pending).toBe(0);
    expect(store.audit.recent(10)).toEqual([]);
    expect(store.ledger.get('visit-of-100234')).toBeUndefined();
    expect(store.staff.serviceState()).toEqual({ state: 'in_service' });
    expect(setupStepAtStart(store.config, { environmentServerUrl: undefined, unprovisioned: 'setup' })).toBe('server');
    // Not in free pages or the write-ahead log either.
    const bytes = Buffer.concat([readFileSync(join(dir, storeFileName))]).toString('latin1');
    expect(bytes).not.toContain(token);
    expect(bytes).not.toContain('100234');
  });
});

/** A decommission over a real store, with the server's answer and the wipe as plain functions. */
function decommissionOver(target: Store, verdict: ServerVerdict, reachable = true) {
  const told: KioskDecommissionRequest[] = [];
  const restart = vi.fn();
  const wipe = vi.fn(async () => target.wipe(keptAfterDecommission));
  const decommission = new Decommission({
    outbox: target.outbox,
    serverReachable: () => reachable,
    tellServer: async (request) => {
      told.push(request);
      return verdict;
    },
    wipe,
    restart,
    log: silentLog,
  });
  return { decommission, told, restart, wipe };
}

const technician = { staffId: 'demo-tech-okafor', role: 'technician', inVisit: false } as const;

function enqueueFaults(target: Store, count: number): void {
  for (let n = 0; n < count; n += 1) {
    target.outbox.enqueue('device.fault', {
      device: 'camera',
      fault: `unplugged ${n}`,
      at: '2026-12-03T10:00:00.000Z',
      cleared: false,
    });
  }
}

describe('a decommission at the kiosk', () => {
  it('waits for the outbox, shows each delivery, then has the server record it before it wipes', async () => {
    store = storeInService(tempDir());
    enqueueFaults(store, 3);
    const { decommission, told, restart, wipe } = decommissionOver(store, 'decommissioned');
    decommission.start(technician, false);
    expect(decommission.view()).toEqual({ stage: 'draining', pending: 3, delivered: 0 });

    const [first, ...rest] = pendingKeys(store);
    store.outbox.settle({ delivered: [first ?? ''], rejected: [], retry: [] });
    expect(decommission.view()).toEqual({ stage: 'draining', pending: 2, delivered: 1 });
    expect(told).toEqual([]);
    expect(store.config.get('kioskToken')).toBe(token);

    store.outbox.settle({ delivered: rest, rejected: [], retry: [] });
    await flush();
    expect(told).toEqual([{ by: { staffId: 'demo-tech-okafor' }, forced: false, recordsLost: 0 }]);
    expect(wipe).toHaveBeenCalledOnce();
    expect(decommission.view()).toEqual({ stage: 'wiped' });
    expect(restart).toHaveBeenCalledOnce();
    expect(store.config.get('kioskToken')).toBeUndefined();
  });

  it('forced, tells the server how many records are lost, before it wipes them', async () => {
    store = storeInService(tempDir());
    enqueueFaults(store, 2);
    const { decommission, told } = decommissionOver(store, 'decommissioned');
    decommission.start(technician, false);
    decommission.start(technician, true);
    await flush();
    expect(told).toEqual([{ by: { staffId: 'demo-tech-okafor' }, forced: true, recordsLost: 2 }]);
    expect(store.outbox.status().pending).toBe(0);
  });

  it('refuses to force without the server, and loses nothing', async () => {
    store = storeInService(tempDir());
    enqueueFaults(store, 2);
    const { decommission, told, wipe } = decommissionOver(store, 'decommissioned', false);
    decommission.start(technician, true);
    await flush();
    expect(decommission.view()).toEqual({ stage: 'refused', reason: 'server_unreachable', pending: 2 });
    expect(told).toEqual([]);
    expect(wipe).not.toHaveBeenCalled();
    expect(store.outbox.status().pending).toBe(2);
  });

  it('wipes nothing when the server does not record it', async () => {
    store = storeInService(tempDir());
    const { decommission, wipe, restart } = decommissionOver(store, 'unreachable');
    decommission.start(technician, false);
    await flush();
    expect(decommission.view()).toEqual({ stage: 'refused', reason: 'server_unreachable', pending: 0 });
    expect(wipe).not.toHaveBeenCalled();
    expect(restart).not.toHaveBeenCalled();
    expect(store.config.get('kioskToken')).toBe(token);
  });

  it('stops waiting when cancelled, and a later drain does nothing', async () => {
    store = storeInService(tempDir());
    enqueueFaults(store, 1);
    const { decommission, told } = decommissionOver(store, 'decommissioned');
    decommission.start(technician, false);
    decommission.cancel();
    expect(decommission.view()).toBeNull();
    store.outbox.settle({ delivered: pendingKeys(store), rejected: [], retry: [] });
    await flush();
    expect(told).toEqual([]);
  });

  it('is refused during a visit and to an officer', () => {
    store = storeInService(tempDir());
    const { decommission } = decommissionOver(store, 'decommissioned');
    decommission.start({ ...technician, inVisit: true }, false);
    expect(decommission.view()).toEqual({ stage: 'refused', reason: 'in_visit', pending: 0 });
    decommission.start({ ...technician, role: 'officer' }, true);
    expect(decommission.view()).toEqual({ stage: 'refused', reason: 'not_permitted', pending: 0 });
  });
});
