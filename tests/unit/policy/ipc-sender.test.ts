import { describe, expect, it } from 'vitest';
import { decideIpcSender, decideSocketOrigin } from '../../../src/main/policy/ipc-sender';

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
    expect(decideSocketOrigin('http://127.0.0.1:5173', 'http://127.0.0.1:5173')).toEqual({ allow: true });
    expect(decideSocketOrigin('http://evil.example', 'http://127.0.0.1:5173').allow).toBe(false);
    expect(decideSocketOrigin(undefined, 'http://127.0.0.1:5173').allow).toBe(false);
  });
});
