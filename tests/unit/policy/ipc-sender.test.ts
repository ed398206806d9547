import { describe, expect, it } from 'vitest';
import { decideIpcSender, decideSocketOrigin, ownSocketOrigins } from '../../../src/main/policy/ipc-sender';

describe('IPC sender policy', () => {
  it('trusts only the app page in the main frame', () => {
    expect(decideIpcSender({ frameUrl: 'app://kiosk/index.html', isMainFrame: true })).toEqual({ allow: true });
    expect(decideIpcSender({ frameUrl: 'app://kiosk/index.html', isMainFrame: false })).toEqual({
      allow: false,
      reason: 'message from a subframe',
    });
    expect(decideIpcSender({ frameUrl: 'https://evil.example/', isMainFrame: true }).allow).toBe(false);
    expect(decideIpcSender({ frameUrl: 'file:///tmp/x.html', isMainFrame: true }).allow).toBe(false);
    expect(decideIpcSender({ frameUrl: undefined, isMainFrame: true }).allow).toBe(false);
  });

  it('trusts a preview socket only from its own origin', () => {
    const own = ownSocketOrigins('http://127.0.0.1:5173');
    expect(decideSocketOrigin('http://127.0.0.1:5173', own)).toEqual({ allow: true });
    expect(decideSocketOrigin('http://evil.example', own)).toEqual({
      allow: false,
      reason: 'socket from foreign origin http://evil.example',
    });
    expect(decideSocketOrigin(undefined, own).allow).toBe(false);
    expect(decideSocketOrigin('null', own).allow).toBe(false);
  });

  it('knows a loopback host by its name too, on the same port and scheme only', () => {
    expect(ownSocketOrigins('http://127.0.0.1:5173')).toEqual(['http://127.0.0.1:5173', 'http://localhost:5173']);
    expect(ownSocketOrigins('http://[::1]:5173')).toEqual(['http://[::1]:5173', 'http://localhost:5173']);
    expect(ownSocketOrigins('http://127.0.0.2:80')).toEqual(['http://127.0.0.2', 'http://localhost']);
    expect(ownSocketOrigins('http://192.168.1.20:5173')).toEqual(['http://192.168.1.20:5173']);
    expect(ownSocketOrigins('http://0.0.0.0:5173')).toEqual(['http://0.0.0.0:5173']);

    const own = ownSocketOrigins('http://127.0.0.1:5173');
    expect(decideSocketOrigin('http://localhost:5173', own)).toEqual({ allow: true });
    for (const foreign of [
      'http://localhost:5174',
      'https://localhost:5173',
      'http://sub.localhost:5173',
      'http://localhost.evil.example:5173',
      'http://[::1]:5173',
    ]) {
      expect(decideSocketOrigin(foreign, own).allow, foreign).toBe(false);
    }
  });
});
