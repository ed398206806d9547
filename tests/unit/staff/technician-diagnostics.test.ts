import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectDiagnostics } from '../../../src/main/diagnostics/collect-diagnostics';
import { ServiceDimension } from '../../../src/main/staff/service-dimension';
import { mayUseTool } from '../../../src/main/staff/permissions';
import { tempDir } from '../store/helpers';
import { issued, staffHarness, type StaffHarness } from './harness';
import { diagnosticsBundleSchema } from '../../../src/shared/protocol/diagnostics';

let harness: StaffHarness | undefined;
afterEach(() => {
  harness?.store.close();
  harness = undefined;
});

/** A harness whose overlay collects with the kiosk's one collector, over its real store and a log folder. */
function withCollector(dir: string) {
  const logDir = join(dir, 'logs');
  mkdirSync(logDir);
  writeFileSync(
    join(logDir, 'kiosk.1.log'),
    `${JSON.stringify({ msg: 'signed in', inmateId: '100234', pin: '2468' })}\n${JSON.stringify({ msg: 'link up' })}\n`,
  );
  const collect = vi.fn(() =>
    collectDiagnostics({
      host: 'preview',
      appVersion: '1.0.0',
      dataDir: dir,
      logDir,
      store: built.store,
      view: built.view,
      service: new ServiceDimension(built.store.staff, Date.now),
      devices: { health: () => ({}) },
    }),
  );
  const built = staffHarness(dir, { collectDiagnostics: collect });
  return { ...built, collect };
}

/** Signs in at the panel the one way a kiosk without a server has: an offline code issued to `role`. */
async function signInAs(target: StaffHarness, role: 'officer' | 'technician'): Promise<void> {
  const { code, verifier } = await issued(`${role}-1`, role, new Date(target.clock.now() + 86_400_000).toISOString());
  target.store.staff.replaceVerifiers([verifier]);
  target.overlay.open();
  await target.overlay.signInOffline(code);
  expect(target.view.snapshot().staff).toMatchObject({ stage: 'panel', staff: { role } });
}

describe('the technician’s diagnostics at the panel', () => {
  it('are a technician’s tool only: officers are denied by default', () => {
    expect(mayUseTool('technician', 'diagnostics')).toBe(true);
    expect(mayUseTool('officer', 'diagnostics')).toBe(false);
  });

  it('refuse anyone not signed in, and an officer, without reading anything', async () => {
    const built = withCollector(tempDir());
    harness = built;
    expect(await built.overlay.diagnostics()).toEqual({ status: 'refused', reason: 'not_signed_in' });
    await signInAs(built, 'officer');
    expect(await built.overlay.diagnostics()).toEqual({ status: 'refused', reason: 'not_permitted' });
    expect(built.collect).not.toHaveBeenCalled();
    expect(built.store.audit.recent(5).filter((entry) => entry.action === 'diagnostics.collected')).toEqual([]);
  });

  it('give a technician the console’s bundle, redacted, and audit who looked', async () => {
    const built = withCollector(tempDir());
    harness = built;
    await signInAs(built, 'technician');
    const answer = await built.overlay.diagnostics();
    expect(answer.status).toBe('collected');
    if (answer.status !== 'collected') return;
    expect(diagnosticsBundleSchema.parse(answer.bundle)).toEqual(answer.bundle);
    // The offline code's use, audited for the server, waits in the outbox.
    expect(answer.bundle.outbox.pending).toBe(1);
    expect(answer.bundle.storeBytes).toBeGreaterThan(0);
    expect(answer.bundle.log.lines).toHaveLength(2);
    expect(answer.bundle.log.lines.join('\n')).not.toMatch(/100234|2468/);
    const [entry] = built.store.audit.recent(1);
    expect(entry).toMatchObject({
      action: 'diagnostics.collected',
      actor: 'technician:technician-1',
      detail: { where: 'kiosk', logLines: 2 },
    });
  });

  it('say so where the host has no collector', async () => {
    harness = staffHarness(tempDir());
    await signInAs(harness, 'technician');
    expect(await harness.overlay.diagnostics()).toEqual({ status: 'refused', reason: 'not_supported' });
  });
});
