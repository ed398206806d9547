import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carryOutCommand, handleCommands } from '../../../src/main/link/commands';
import { sendOutboxOverLink } from '../../../src/main/link/outbox-sender';
import { createMainServices, type MainServices } from '../../../src/main/services';
import { OutboxDelivery } from '../../../src/main/store/outbox-delivery';
import { openStore, type Store } from '../../../src/main/store/store';
import { systemTimer } from '../../../src/main/store/timer';
import type { KioskCommand } from '../../../src/shared/protocol/control';
import { ingestedRecords } from '../../../server/test-support/inspect-database';
import { startTestServer, type TestServer } from '../../../server/test-support/test-server';
import { silentLog, tempDir } from '../store/helpers';
import { connectedKiosk, type ConnectedKiosk } from './helpers';

function servicesOn(store: Store): MainServices {
  return createMainServices({ host: 'preview', appName: 'Kiosk', version: '1.0.0', log: silentLog, store });
}

const officer = { staffId: 'officer-7001', where: 'console', role: 'officer' } as const;

describe('remote commands from the reference server', () => {
  let server: TestServer;
  let kiosk: ConnectedKiosk;
  let services: MainServices;
  let stopCommands: () => void;

  beforeAll(async () => {
    server = await startTestServer();
    kiosk = await connectedKiosk(server.url);
    services = servicesOn(kiosk.store);
    stopCommands = handleCommands(kiosk.link, { actions: services.actions, commands: kiosk.store.staff });
  });
  afterAll(async () => {
    stopCommands();
    kiosk.close();
    await server.dispose();
  });

  it('shows a staff message, audits it and acknowledges it', async () => {
    const id = randomUUID();
    const text = 'Count time in five minutes: please finish your call.';

    const answer = await server.kioskLinks.sendCommand(kiosk.kioskId, {
      id,
      by: null,
      action: { type: 'show_message', text },
    });

    expect(answer).toEqual({ ok: true, result: { id, status: 'accepted' } });
    expect(services.messages.get()).toEqual({ id, text });
    const [entry] = kiosk.store.audit.recent(1);
    expect(entry).toMatchObject({
      action: 'staff.show_message',
      actor: 'server',
      detail: { commandId: id, where: 'console', outcome: 'accepted' },
    });
    // The audit entry is queued for the server in the same transaction.
    expect(kiosk.store.outbox.head(10).map((record) => record.key)).toContain(entry?.outboxKey);
  });

  it('locks the kiosk for an officer at the console, and refuses a second lock with its reason', async () => {
    const first = await server.kioskLinks.sendCommand(kiosk.kioskId, {
      id: randomUUID(),
      by: officer,
      action: { type: 'lock' },
    });
    const second = await server.kioskLinks.sendCommand(kiosk.kioskId, {
      id: randomUUID(),
      by: officer,
      action: { type: 'lock' },
    });

    expect(first).toMatchObject({ ok: true, result: { status: 'accepted' } });
    expect(second).toMatchObject({ ok: true, result: { status: 'refused', reason: 'already_locked' } });
    expect(services.view.snapshot().screen).toBe('locked');
    expect(kiosk.store.staff.serviceState()).toMatchObject({ state: 'locked', by: 'officer-7001' });
    expect(kiosk.store.audit.recent(2).map(({ actor, detail }) => [actor, detail['outcome']])).toEqual([
      ['officer:officer-7001', 'refused'],
      ['officer:officer-7001', 'accepted'],
    ]);
  });

  it('carries out a redelivered command once and answers it with the first answer', async () => {
    const command: KioskCommand = { id: randomUUID(), by: officer, action: { type: 'unlock' } };
    const audited = kiosk.store.audit.recent(100).length;

    const first = await server.kioskLinks.sendCommand(kiosk.kioskId, command);
    // Locked again by someone else: a second carrying-out of the same unlock would open the kiosk.
    services.actions.perform({ type: 'lock' }, { staffId: 'officer-7002', role: 'officer', where: 'kiosk' });
    const again = await server.kioskLinks.sendCommand(kiosk.kioskId, command);

    expect(first).toEqual({ ok: true, result: { id: command.id, status: 'accepted' } });
    expect(again).toEqual(first);
    expect(kiosk.store.staff.serviceState()).toMatchObject({ state: 'locked', by: 'officer-7002' });
    expect(kiosk.store.audit.recent(100)).toHaveLength(audited + 2);
  });

  it('delivers the commands’ audit trail to the server', async () => {
    const delivery = new OutboxDelivery({
      outbox: kiosk.store.outbox,
      send: sendOutboxOverLink(kiosk.link),
      now: Date.now,
      timer: systemTimer,
      log: silentLog,
    });
    delivery.start();
    try {
      await expect.poll(() => kiosk.store.outbox.status().pending, { timeout: 5000 }).toBe(0);
    } finally {
      await delivery.stop();
    }
    const audited = kiosk.store.audit.recent(20).map((entry) => entry.outboxKey);
    const onServer = ingestedRecords(server.dataDir, kiosk.kioskId).map((record) => record.key);
    expect(onServer.sort()).toEqual([...audited].sort());
  });
});

describe('a kiosk restart between carrying out a command and acknowledging it', () => {
  it('answers the redelivered ID with the stored answer and changes nothing again (real SQLite)', () => {
    const dir = tempDir();
    const command: KioskCommand = {
      id: randomUUID(),
      by: officer,
      action: { type: 'set_out_of_service', reason: 'maintenance' },
    };

    const before = openStore({ dir, log: silentLog });
    const first = carryOutCommand(command, { actions: servicesOn(before).actions, commands: before.staff });
    // The process dies here: the acknowledgement never left.
    before.close();

    const after = openStore({ dir, log: silentLog });
    const restarted = servicesOn(after);
    expect(restarted.view.snapshot()).toMatchObject({ screen: 'outOfService', reason: 'maintenance' });
    restarted.actions.perform(
      { type: 'set_in_service' },
      { staffId: 'technician-7101', role: 'technician', where: 'kiosk' },
    );
    const redelivered = carryOutCommand(command, { actions: restarted.actions, commands: after.staff });

    expect(first).toEqual({ id: command.id, status: 'accepted' });
    expect(redelivered).toEqual(first);
    expect(after.staff.serviceState()).toEqual({ state: 'in_service' });
    expect(after.audit.recent(10).map((entry) => entry.action)).toEqual([
      'staff.set_in_service',
      'staff.set_out_of_service',
    ]);
    after.close();
  });

  it('stores nothing, and answers nothing, when the store refuses the write', () => {
    const dir = tempDir();
    const store = openStore({ dir, log: silentLog });
    const { actions } = servicesOn(store);
    const command: KioskCommand = { id: randomUUID(), by: officer, action: { type: 'lock' } };
    const failing = {
      commandAnswer: (id: string) => store.staff.commandAnswer(id),
      recordCommand: () => {
        throw new Error('disk gone');
      },
    };

    expect(() => carryOutCommand(command, { actions, commands: failing })).toThrow('disk gone');
    expect(store.staff.serviceState()).toEqual({ state: 'in_service' });
    expect(store.audit.recent(10)).toEqual([]);
    expect(store.staff.commandAnswer(command.id)).toBeUndefined();
    store.close();
  });
});
