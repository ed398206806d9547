import { describe, expect, it } from 'vitest';
import { decideChildProcessGone, decideProcessFault, startupGraceMs } from '../../../src/main/policy/main-faults';

describe('main process faults', () => {
  it('keeps running after a rejected promise, whenever it comes', () => {
    expect(decideProcessFault('unhandled_rejection', 0).action).toBe('keep_running');
    expect(decideProcessFault('unhandled_rejection', 3_600_000).action).toBe('keep_running');
  });

  it('relaunches after an uncaught exception, but exits to the supervisor when main fails in its start', () => {
    expect(decideProcessFault('uncaught_exception', startupGraceMs).action).toBe('relaunch');
    expect(decideProcessFault('uncaught_exception', startupGraceMs - 1).action).toBe('exit');
    expect(decideProcessFault('uncaught_exception', 0).action).toBe('exit');
  });

  it('records a lost GPU or utility process, not a clean exit', () => {
    expect(decideChildProcessGone({ type: 'Utility', reason: 'clean-exit' })).toEqual({ allow: true });
    expect(decideChildProcessGone({ type: 'GPU', reason: 'crashed' })).toEqual({
      allow: false,
      reason: 'GPU process gone: crashed',
    });
    expect(decideChildProcessGone({ type: 'Utility', reason: 'oom' }).allow).toBe(false);
  });
});
