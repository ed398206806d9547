import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notifyMessage, notifyTarget } from '../../../src/main/supervisor/notify-target';
import { startServiceManager } from '../../../src/main/supervisor/service-manager';
import { SocatNotifier, socatAddress } from '../../../src/main/supervisor/socat-notifier';

const quietLog = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('notifyTarget', () => {
  it('is undefined without a service manager', () => {
    expect(notifyTarget({})).toBeUndefined();
  });

  it('beats at half the watchdog interval systemd gives', () => {
    expect(notifyTarget({ NOTIFY_SOCKET: '/run/systemd/notify', WATCHDOG_USEC: '30000000' })).toEqual({
      socket: '/run/systemd/notify',
      watchdogIntervalMs: 15_000,
    });
    expect(notifyTarget({ NOTIFY_SOCKET: '@/org/freedesktop/systemd1/notify' })).toEqual({
      socket: '@/org/freedesktop/systemd1/notify',
      watchdogIntervalMs: undefined,
    });
  });

  it('refuses a relative socket or a watchdog that is not a number, naming the variable', () => {
    expect(() => notifyTarget({ NOTIFY_SOCKET: 'notify' })).toThrow(/NOTIFY_SOCKET/);
    expect(() => notifyTarget({ NOTIFY_SOCKET: '/run/notify', WATCHDOG_USEC: '-5' })).toThrow(/WATCHDOG_USEC/);
  });
});

describe('notifyMessage', () => {
  it('writes one KEY=value line per field, a status on one line', () => {
    expect(notifyMessage({ ready: true, status: 'kiosk up\nand running' })).toBe(
      'READY=1\nSTATUS=kiosk up and running\n',
    );
    expect(notifyMessage({ watchdog: true })).toBe('WATCHDOG=1\n');
    expect(() => notifyMessage({})).toThrow(/at least one field/);
  });
});

describe('socatAddress', () => {
  it('addresses a path or an abstract socket, and refuses what socat cannot parse', () => {
    expect(socatAddress('/run/systemd/notify')).toBe('UNIX-SENDTO:/run/systemd/notify');
    expect(socatAddress('@kiosk-notify')).toBe('ABSTRACT-SENDTO:kiosk-notify');
    expect(() => socatAddress('/run/a:b')).toThrow(/cannot address/);
  });
});

describe('startServiceManager', () => {
  it('says READY once, then WATCHDOG at the interval until closed', () => {
    vi.useFakeTimers();
    try {
      const sent: string[] = [];
      const manager = startServiceManager({
        target: { socket: '/run/notify', watchdogIntervalMs: 1000 },
        send: (message) => sent.push(message),
        log: quietLog,
      });
      manager.ready('kiosk window shown');
      vi.advanceTimersByTime(3500);
      manager.close();
      vi.advanceTimersByTime(5000);
      expect(sent).toEqual(['READY=1\nSTATUS=kiosk window shown\n', 'WATCHDOG=1\n', 'WATCHDOG=1\n', 'WATCHDOG=1\n']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends nothing when no service manager listens', () => {
    const send = vi.fn();
    const manager = startServiceManager({ target: undefined, send, log: quietLog });
    manager.ready('up');
    manager.stopping();
    expect(send).not.toHaveBeenCalled();
  });
});

/** A real unix datagram socket that collects what arrives (socat, the same tool the kiosk uses to send). */
function datagramReceiver(address: string): { child: ChildProcessWithoutNullStreams; received: () => string } {
  const child = spawn('socat', ['-u', address, 'STDOUT'], { stdio: 'pipe' });
  let text = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (text += chunk));
  return { child, received: () => text };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SocatNotifier on a real unix datagram socket', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('delivers READY and watchdog beats to a socket path, as systemd would receive them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-notify-'));
    const socket = join(dir, 'notify');
    const receiver = datagramReceiver(`UNIX-RECV:${socket}`);
    const notifier = new SocatNotifier(socket, quietLog);
    cleanups.push(() => {
      notifier.close();
      receiver.child.kill();
      rmSync(dir, { recursive: true, force: true });
    });
    await until(() => {
      try {
        return statSync(socket).isSocket();
      } catch {
        return false;
      }
    }, 'the receiving socket');

    const manager = startServiceManager({
      target: { socket, watchdogIntervalMs: 50 },
      send: (message) => notifier.send(message),
      log: quietLog,
    });
    manager.ready('kiosk window shown');
    await until(() => receiver.received().split('WATCHDOG=1\n').length > 3, 'three watchdog beats');
    manager.close();
    expect(receiver.received().startsWith('READY=1\nSTATUS=kiosk window shown\n')).toBe(true);
  });

  it('reaches an abstract socket too', async () => {
    const name = `kiosk-notify-test-${process.pid}`;
    const receiver = datagramReceiver(`ABSTRACT-RECV:${name}`);
    const notifier = new SocatNotifier(`@${name}`, quietLog);
    cleanups.push(() => {
      notifier.close();
      receiver.child.kill();
    });
    // The receiver binds asynchronously; resend until one lands.
    await until(() => {
      notifier.send('STATUS=probe\n');
      return receiver.received().includes('STATUS=probe');
    }, 'a datagram on the abstract socket');
  });

  it('logs and gives up cleanly when socat is missing', async () => {
    const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const notifier = new SocatNotifier('/run/notify', log, '/nonexistent/socat');
    notifier.send('WATCHDOG=1\n');
    await until(() => log.error.mock.calls.length > 0, 'the missing-socat error');
    expect(String(log.error.mock.calls[0]?.[1])).toMatch(/socat is missing/);
    notifier.send('WATCHDOG=1\n');
    expect(log.error).toHaveBeenCalledTimes(1);
  });
});
