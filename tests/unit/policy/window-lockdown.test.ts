import { describe, expect, it } from 'vitest';
import { decideDevTools, decideWindowClose } from '../../../src/main/policy/window-lockdown';

describe('window lockdown', () => {
  it('opens DevTools only on an unpackaged build that asks for them', () => {
    expect(decideDevTools({ requested: true, packaged: false })).toEqual({ allow: true });
    expect(decideDevTools({ requested: false, packaged: false }).allow).toBe(false);
    expect(decideDevTools({ requested: true, packaged: true })).toEqual({
      allow: false,
      reason: 'DevTools are never available in a packaged kiosk',
    });
  });

  it('lets the window close only while the app quits', () => {
    expect(decideWindowClose({ quitting: true })).toEqual({ allow: true });
    expect(decideWindowClose({ quitting: false }).allow).toBe(false);
  });
});
