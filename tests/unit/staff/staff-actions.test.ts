import { afterEach, describe, expect, it } from 'vitest';
import { hostRestart, type StaffActing } from '../../../src/main/staff/staff-actions';
import type { KioskScreen } from '../../../src/shared/contract/kiosk';
import type { StaffAction, StaffActionRefusal } from '../../../src/shared/protocol/staff';
import { visit } from '../kiosk/fixtures';
import { tempDir } from '../store/helpers';
import { goTo, staffHarness, type StaffHarness } from './harness';

type SessionScreen = Exclude<KioskScreen, 'locked' | 'outOfService'>;
const screens: SessionScreen[] = ['attract', 'signIn', 'visits', 'precheck', 'call', 'summary'];
const officer: StaffActing = { staffId: 'officer-7001', role: 'officer', where: 'kiosk' };
const technician: StaffActing = { staffId: 'technician-7101', role: 'technician', where: 'kiosk' };

/** What each action does on each screen of an in-service kiosk: the answer, and the screen after. */
const expected: Record<
  StaffAction['type'],
  (screen: SessionScreen) => { outcome: 'accepted' | StaffActionRefusal; after: KioskScreen }
> = {
  lock: (screen) => ({ outcome: 'accepted', after: closedScreen(screen, 'locked') }),
  unlock: (screen) => ({ outcome: 'not_locked', after: screen }),
  end_visit: (screen) =>
    screen === 'call' ? { outcome: 'accepted', after: 'summary' } : { outcome: 'no_visit_in_progress', after: screen },
  reset: () => ({ outcome: 'accepted', after: 'attract' }),
  set_out_of_service: (screen) => ({ outcome: 'accepted', after: closedScreen(screen, 'outOfService') }),
  set_in_service: (screen) => ({ outcome: 'not_out_of_service', after: screen }),
  show_message: (screen) => ({ outcome: 'accepted', after: screen }),
  // A restart would cut the call; the after-call screen is no longer a visit in progress.
  restart_app: (screen) => ({ outcome: screen === 'call' ? 'visit_in_progress' : 'accepted', after: screen }),
  // From the console only: the kiosk's own panel never reboots it, whoever is signed in.
  reboot: (screen) => ({ outcome: 'not_permitted', after: screen }),
};

/** A call and its after-call screen go on; every other screen gives way to the closed one. */
function closedScreen(screen: SessionScreen, closed: 'locked' | 'outOfService'): KioskScreen {
  return screen === 'call' || screen === 'summary' ? screen : closed;
}

const actions: StaffAction[] = [
  { type: 'lock' },
  { type: 'unlock' },
  { type: 'end_visit' },
  { type: 'reset' },
  { type: 'set_out_of_service', reason: 'count' },
  { type: 'set_in_service' },
  { type: 'show_message', text: 'Count in five minutes.' },
  { type: 'restart_app' },
  { type: 'reboot' },
];

let harness: StaffHarness | undefined;
afterEach(() => {
  harness?.kiosk.close();
  harness?.store.close();
  harness = undefined;
});

describe('every staff action on every screen', () => {
  const cases = actions.flatMap((action) => screens.map((screen) => [action.type, screen, action] as const));

  it.each(cases)('%s on %s', async (_type, screen, action) => {
    harness = staffHarness(tempDir());
    await goTo(harness.kiosk, screen);
    const { outcome, after } = expected[action.type](screen);

    const answer = harness.actions.perform(action, officer);

    expect(answer).toEqual(outcome === 'accepted' ? { status: 'accepted' } : { status: 'refused', reason: outcome });
    expect(harness.view.snapshot().screen).toBe(after);
    const [audited] = harness.store.audit.recent(1);
    expect(audited).toMatchObject({
      action: `staff.${action.type}`,
      actor: 'officer:officer-7001',
      detail: { where: 'kiosk', outcome: answer.status },
    });
    // Every audit entry is on its way to the server.
    expect(harness.store.outbox.head(50).map((record) => record.key)).toContain(audited?.outboxKey);
    // Main restarts only for an accepted restart, after the answer is kept.
    expect(harness.restarts()).toBe(action.type === 'restart_app' && answer.status === 'accepted' ? 1 : 0);
    expect(harness.reboots()).toBe(0);
  });
});

describe('a reboot from the console', () => {
  const consoleOfficer: StaffActing = { ...officer, where: 'console' };
  const consoleTechnician: StaffActing = { ...technician, where: 'console' };

  it.each(screens)(
    'on %s: refused under a call, otherwise accepted, and the computer reboots after the answer is kept',
    async (screen) => {
      harness = staffHarness(tempDir());
      await goTo(harness.kiosk, screen);
      const answers: unknown[] = [];

      const outcome = harness.actions.perform({ type: 'reboot' }, consoleOfficer, {
        id: 'c3a1f0de-5b6a-4c7d-9e8f-0a1b2c3d4e5f',
        store: (answer) => answers.push({ answer, rebootsSoFar: harness?.reboots() }),
      });

      const expected = screen === 'call' ? { status: 'refused', reason: 'visit_in_progress' } : { status: 'accepted' };
      expect(outcome).toEqual(expected);
      expect(answers).toEqual([{ answer: expected, rebootsSoFar: 0 }]);
      expect(harness.reboots()).toBe(screen === 'call' ? 0 : 1);
      expect(harness.view.snapshot().screen).toBe(screen);
      const [audited] = harness.store.audit.recent(1);
      expect(audited).toMatchObject({
        action: 'staff.reboot',
        actor: 'officer:officer-7001',
        detail: { where: 'console', commandId: 'c3a1f0de-5b6a-4c7d-9e8f-0a1b2c3d4e5f', outcome: outcome.status },
      });
      // The audit entry waits in the outbox, so the server hears of it after the reboot too.
      expect(harness.store.outbox.head(50).map((record) => record.key)).toContain(audited?.outboxKey);
    },
  );

  it('a technician at the console may reboot, the server’s admin API too, but not from the panel', () => {
    harness = staffHarness(tempDir());
    expect(harness.actions.perform({ type: 'reboot' }, consoleTechnician)).toEqual({ status: 'accepted' });
    expect(harness.actions.perform({ type: 'reboot' }, { staffId: null, role: null, where: 'console' })).toEqual({
      status: 'accepted',
    });
    expect(harness.reboots()).toBe(2);
    expect(harness.actions.perform({ type: 'reboot' }, { staffId: null, role: null, where: 'kiosk' })).toEqual({
      status: 'refused',
      reason: 'not_permitted',
    });
  });

  it('a host that cannot reboot answers not_supported, audited, and nothing reboots', () => {
    harness = staffHarness(tempDir(), {}, { canReboot: false });
    expect(harness.actions.perform({ type: 'reboot' }, consoleOfficer)).toEqual({
      status: 'refused',
      reason: 'not_supported',
    });
    expect(harness.reboots()).toBe(0);
    expect(harness.store.audit.recent(1)[0]).toMatchObject({
      action: 'staff.reboot',
      detail: { outcome: 'refused', reason: 'not_supported' },
    });
  });
});

describe('the restart decision', () => {
  it('refuses where the host cannot before it looks at the visit, then refuses under a visit', () => {
    expect(hostRestart(false, false)).toEqual({ status: 'refused', reason: 'not_supported' });
    expect(hostRestart(false, true)).toEqual({ status: 'refused', reason: 'not_supported' });
    expect(hostRestart(true, true)).toEqual({ status: 'refused', reason: 'visit_in_progress' });
    expect(hostRestart(true, false)).toEqual({ status: 'accepted' });
  });
});

describe('the service dimension', () => {
  it('a locked kiosk accepts no sign-in, and a restart comes up locked', async () => {
    const dir = tempDir();
    harness = staffHarness(dir);
    harness.actions.perform({ type: 'lock' }, officer);

    expect(harness.kiosk.begin()).toMatchObject({ screen: 'attract' });
    expect(harness.view.snapshot().screen).toBe('locked');
    harness.store.close();

    harness = staffHarness(dir);
    expect(harness.view.snapshot().screen).toBe('locked');
    harness.kiosk.begin();
    expect(harness.view.snapshot().screen).toBe('locked');
    expect(harness.actions.perform({ type: 'unlock' }, officer)).toEqual({ status: 'accepted' });
    expect(harness.view.snapshot().screen).toBe('attract');
    expect(harness.kiosk.begin()).toMatchObject({ screen: 'signIn' });
  });

  it('a call goes on while the kiosk is locked; the locked screen follows its end', async () => {
    harness = staffHarness(tempDir());
    await goTo(harness.kiosk, 'call');
    harness.actions.perform({ type: 'lock' }, officer);
    expect(harness.view.snapshot().screen).toBe('call');

    harness.actions.perform({ type: 'end_visit', visitId: visit.visitId }, officer);
    expect(harness.view.snapshot()).toMatchObject({ screen: 'summary', reason: 'ended_by_staff' });
    expect(harness.service.endVisit).toHaveBeenCalledWith(expect.any(String), visit.visitId, 'ended_by_staff');
    harness.kiosk.signOut();
    expect(harness.view.snapshot().screen).toBe('locked');
  });

  it('out of service with its reason and back; locking it meanwhile is refused', () => {
    harness = staffHarness(tempDir());
    harness.actions.perform({ type: 'set_out_of_service', reason: 'device_fault' }, technician);
    expect(harness.view.snapshot()).toMatchObject({ screen: 'outOfService', reason: 'device_fault' });
    expect(harness.actions.perform({ type: 'lock' }, officer)).toEqual({
      status: 'refused',
      reason: 'already_out_of_service',
    });
    expect(harness.actions.perform({ type: 'set_in_service' }, technician)).toEqual({ status: 'accepted' });
    expect(harness.view.snapshot().screen).toBe('attract');
    expect(harness.store.audit.recent(3).map((entry) => entry.detail['outOfServiceReason'] ?? null)).toEqual([
      null,
      null,
      'device_fault',
    ]);
  });

  it('refuses a visit that is not the one in progress', async () => {
    harness = staffHarness(tempDir());
    await goTo(harness.kiosk, 'call');
    expect(harness.actions.perform({ type: 'end_visit', visitId: 'v-other' }, officer)).toEqual({
      status: 'refused',
      reason: 'other_visit_in_progress',
    });
    expect(harness.view.snapshot().screen).toBe('call');
  });

  it('a reset during a call ends it by staff, clears the person, reloads the renderer and keeps the records', async () => {
    harness = staffHarness(tempDir());
    await goTo(harness.kiosk, 'call');
    harness.kiosk.setLanguage('es');
    const queued = harness.store.outbox.status().pending;

    harness.actions.perform({ type: 'reset' }, officer);

    expect(harness.view.snapshot()).toMatchObject({ screen: 'attract', preferences: { language: 'en' } });
    expect(harness.reloads()).toBe(1);
    expect(harness.service.endVisit).toHaveBeenCalledWith(expect.any(String), visit.visitId, 'ended_by_staff');
    expect(harness.store.outbox.status().pending).toBeGreaterThan(queued);
    expect(harness.store.audit.recent(1)[0]?.detail).toMatchObject({ visitId: visit.visitId });
  });

  it('a technician may not lock or end a visit', async () => {
    harness = staffHarness(tempDir());
    await goTo(harness.kiosk, 'call');
    for (const action of [{ type: 'lock' }, { type: 'end_visit' }] as const) {
      expect(harness.actions.perform(action, technician)).toEqual({ status: 'refused', reason: 'not_permitted' });
    }
    expect(harness.view.snapshot().screen).toBe('call');
  });

  it('a technician may restart the app once no visit is in progress, and main restarts after the answer is kept', async () => {
    harness = staffHarness(tempDir());
    await goTo(harness.kiosk, 'call');
    expect(harness.actions.perform({ type: 'restart_app' }, technician)).toEqual({
      status: 'refused',
      reason: 'visit_in_progress',
    });
    harness.actions.perform({ type: 'end_visit' }, officer);
    expect(harness.view.snapshot().screen).toBe('summary');
    const answers: unknown[] = [];
    const restartsBefore = harness.restarts();
    const outcome = harness.actions.perform({ type: 'restart_app' }, technician, {
      id: '0b9d6c1e-2f3a-4b5c-8d7e-6f5a4b3c2d1e',
      store: (answer) => answers.push({ answer, restartsSoFar: harness?.restarts() }),
    });
    expect(outcome).toEqual({ status: 'accepted' });
    expect(answers).toEqual([{ answer: { status: 'accepted' }, restartsSoFar: restartsBefore }]);
    expect(harness.restarts()).toBe(restartsBefore + 1);
  });
});
