import { describe, expect, it } from 'vitest';
import { decideFirstSnapshot } from '../../../src/main/policy/first-snapshot';
import { ownSocketOrigins } from '../../../src/main/policy/ipc-sender';
import { unreportedCallDevices } from '../../../src/shared/contract/devices';
import type { KioskSnapshot } from '../../../src/shared/contract/kiosk';

const own = ownSocketOrigins('http://127.0.0.1:5173');
const everyScreen = {
  revision: 3,
  preferences: { language: 'en', largeText: false },
  idleWarning: null,
  staff: null,
  devices: unreportedCallDevices,
} as const;
const attract: KioskSnapshot = { screen: 'attract', ...everyScreen };

describe('first snapshot policy', () => {
  it('hands a page on its own origin a snapshot with nobody on it', () => {
    expect(decideFirstSnapshot(attract, 'http://127.0.0.1:5173', own)).toEqual({ allow: true });
    expect(decideFirstSnapshot(attract, 'http://localhost:5173', own)).toEqual({ allow: true });
    expect(decideFirstSnapshot({ screen: 'locked', ...everyScreen }, 'http://localhost:5173', own).allow).toBe(true);
  });

  it('keeps it from a page under another name, as the contract socket would', () => {
    expect(decideFirstSnapshot(attract, 'http://rebound.example:5173', own)).toEqual({
      allow: false,
      reason: 'socket from foreign origin http://rebound.example:5173',
    });
    expect(decideFirstSnapshot(attract, undefined, own).allow).toBe(false);
  });

  it('keeps a person on screen out of the HTML', () => {
    const signIn: KioskSnapshot = { screen: 'signIn', ...everyScreen, busy: false, failure: null };
    expect(decideFirstSnapshot(signIn, 'http://127.0.0.1:5173', own)).toEqual({
      allow: false,
      reason: "the signIn screen carries a person's data",
    });
    const staffSigningIn: KioskSnapshot = {
      ...attract,
      staff: { stage: 'signIn', staffNumber: null, busy: false, failure: null, offline: false },
    };
    expect(decideFirstSnapshot(staffSigningIn, 'http://127.0.0.1:5173', own)).toEqual({
      allow: false,
      reason: 'the staff overlay is open',
    });
  });
});
