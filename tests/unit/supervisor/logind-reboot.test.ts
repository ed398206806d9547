import { describe, expect, it } from 'vitest';
import { canRebootAnswer, kioskPolkitRule, logindReboot } from '../../../src/main/supervisor/logind-reboot';
import { rebootOnRequest } from '../../../src/main/supervisor/reboot-on-request';
import { openStore } from '../../../src/main/store/store';
import { flush, silentLog, tempDir } from '../store/helpers';
import { fakeBusctl } from './fake-busctl';

const login1 = 'org.freedesktop.login1 /org/freedesktop/login1 org.freedesktop.login1.Manager';

describe('rebooting through logind with busctl', () => {
  it('asks CanReboot, then Reboot, on the system bus and never interactively', async () => {
    const busctl = fakeBusctl({});
    const host = logindReboot({ env: busctl.env });

    expect(await host.check()).toEqual({ ok: true });
    expect(await host.reboot()).toEqual({ ok: true });
    expect(busctl.calls()).toEqual([
      `--system --allow-interactive-authorization=no call ${login1} CanReboot`,
      `--system --allow-interactive-authorization=no call ${login1} Reboot b false`,
    ]);
  });

  it('a refused Reboot (exit 1) is not_supported with what logind said', async () => {
    const busctl = fakeBusctl({ rebootFails: 'Call failed: Access denied' });

    expect(await logindReboot({ env: busctl.env }).reboot()).toEqual({
      ok: false,
      reason: 'not_supported',
      message: 'logind refused: Call failed: Access denied (busctl exit 1)',
    });
  });

  it('a host without busctl is not_supported, and says busctl is missing', async () => {
    const host = logindReboot({ env: { PATH: tempDir() } });

    for (const result of [await host.check(), await host.reboot()]) {
      expect(result).toEqual({
        ok: false,
        reason: 'not_supported',
        message: 'busctl was not found: this host has no systemd to reboot it through',
      });
    }
  });

  it('a logind that does not answer is given up on after the bound', async () => {
    const busctl = fakeBusctl({ hang: true });
    const started = Date.now();

    expect(await logindReboot({ env: busctl.env, timeoutMs: 300 }).check()).toEqual({
      ok: false,
      reason: 'not_supported',
      message: 'logind did not answer within 300 ms',
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('only CanReboot "yes" lets the kiosk reboot unattended; a password prompt names the missing rule', async () => {
    expect(canRebootAnswer('s "yes"\n')).toEqual({ ok: true });
    expect(canRebootAnswer('s "challenge"\n')).toMatchObject({
      ok: false,
      message: expect.stringContaining(kioskPolkitRule),
    });
    expect(canRebootAnswer('s "no"\n')).toMatchObject({ ok: false, reason: 'not_supported' });
    expect(canRebootAnswer('s "na"\n')).toMatchObject({ ok: false, reason: 'not_supported' });
    expect(canRebootAnswer('')).toMatchObject({ ok: false, message: expect.stringContaining('does not know') });

    const busctl = fakeBusctl({ canReboot: 'challenge' });
    expect(await logindReboot({ env: busctl.env }).check()).toMatchObject({ ok: false, reason: 'not_supported' });
  });
});

describe('the reboot staff ask for', () => {
  it('is not offered where logind would not reboot, and nothing is called beyond the question', async () => {
    const busctl = fakeBusctl({ canReboot: 'challenge' });
    const store = openStore({ dir: tempDir(), log: silentLog });
    try {
      expect(
        await rebootOnRequest({ host: logindReboot({ env: busctl.env }), audit: store.audit, log: silentLog }),
      ).toBe(undefined);
      expect(busctl.calls()).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it('reboots when asked; a reboot logind refuses all the same is audited and on its way to the server', async () => {
    const busctl = fakeBusctl({ rebootFails: 'Call failed: Operation not permitted' });
    const store = openStore({ dir: tempDir(), log: silentLog });
    try {
      const reboot = await rebootOnRequest({
        host: logindReboot({ env: busctl.env }),
        audit: store.audit,
        log: silentLog,
      });
      expect(reboot).toBeTypeOf('function');

      reboot?.();
      await expect.poll(() => store.audit.recent(1)[0]?.action, { timeout: 5000 }).toBe('staff.reboot_failed');
      await flush();

      expect(busctl.calls().at(-1)).toContain('Reboot b false');
      const [failed] = store.audit.recent(1);
      expect(failed).toMatchObject({
        actor: 'kiosk',
        detail: { reason: 'logind refused: Call failed: Operation not permitted (busctl exit 1)' },
      });
      expect(store.outbox.head(10).map((record) => record.key)).toContain(failed?.outboxKey);
    } finally {
      store.close();
    }
  });
});
