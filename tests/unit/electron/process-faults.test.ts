import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { FakeApp } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
const { guardMainProcess } = await import('../../../src/main/electron/process-faults');

class FakeProcess extends EventEmitter {
  constructor(public uptimeSeconds: number) {
    super();
  }
  uptime(): number {
    return this.uptimeSeconds;
  }
}

function guarded(uptimeSeconds = 600) {
  const app = new FakeApp();
  const target = new FakeProcess(uptimeSeconds);
  const log = { fatal: vi.fn(), error: vi.fn(), warn: vi.fn(), info: vi.fn() };
  const audit = { record: vi.fn() };
  const guard = guardMainProcess(app as never, target as never, { log, audit });
  return { app, target, log, audit, guard };
}

describe('main process faults', () => {
  it('answers an uncaught exception itself (no Electron dialog): logs, audits and relaunches', () => {
    const { app, target, log, audit } = guarded();
    expect(target.listenerCount('uncaughtException')).toBe(1);
    const error = new TypeError('boom');
    target.emit('uncaughtException', error, 'uncaughtException');

    expect(log.fatal).toHaveBeenCalledWith(
      expect.objectContaining({ err: error, fault: 'uncaught_exception', action: 'relaunch' }),
      'main process fault',
    );
    expect(audit.record).toHaveBeenCalledWith({
      action: 'kiosk.main_fault',
      actor: 'kiosk',
      detail: { fault: 'uncaught_exception', action: 'relaunch', error: 'TypeError' },
    });
    expect(app.relaunch).toHaveBeenCalledTimes(1);
    expect(app.exit).toHaveBeenCalledWith(1);
  });

  it('exits without relaunching when main fails in its start, so a failing start cannot loop', () => {
    const { app, guard } = guarded(2);
    guard.fail(new Error('the store would not open'));
    expect(app.relaunch).not.toHaveBeenCalled();
    expect(app.exit).toHaveBeenCalledWith(1);
  });

  it('keeps running after an unhandled rejection, logged and audited', () => {
    const { app, target, log, audit } = guarded();
    target.emit('unhandledRejection', 'a plain string', Promise.resolve());
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ fault: 'unhandled_rejection', action: 'keep_running' }),
      'main process fault',
    );
    expect(audit.record).toHaveBeenCalledWith(
      expect.objectContaining({ detail: { fault: 'unhandled_rejection', action: 'keep_running', error: 'string' } }),
    );
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('still answers a fault when the audit cannot be written', () => {
    const { app, target, audit, log } = guarded();
    audit.record.mockImplementation(() => {
      throw new Error('disk full');
    });
    target.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'kiosk.main_fault' }),
      'could not audit a fault',
    );
    expect(app.exit).toHaveBeenCalledWith(1);
  });

  it('records a lost GPU process and lets a clean exit pass quietly', () => {
    const { app, audit, log } = guarded();
    app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 139 });
    expect(audit.record).toHaveBeenCalledWith({
      action: 'kiosk.child_process_gone',
      actor: 'kiosk',
      detail: { type: 'GPU', reason: 'crashed', exitCode: 139, name: null },
    });
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'GPU process gone: crashed' }),
      'child process gone',
    );

    audit.record.mockClear();
    app.emit('child-process-gone', {}, { type: 'Utility', reason: 'clean-exit', exitCode: 0, name: 'Audio Service' });
    expect(audit.record).not.toHaveBeenCalled();
    expect(app.exit).not.toHaveBeenCalled();
  });
});
