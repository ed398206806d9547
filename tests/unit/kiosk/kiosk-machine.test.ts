import { describe, expect, it, vi } from 'vitest';
import { KioskMachine } from '../../../src/main/kiosk/kiosk-machine';

describe('kiosk machine', () => {
  it('starts on the attract screen and moves on the actions each screen accepts', () => {
    const kiosk = new KioskMachine();
    expect(kiosk.snapshot()).toEqual({ screen: 'attract', revision: 0 });
    expect(kiosk.dispatch('begin')).toEqual({ screen: 'signIn', revision: 1 });
    expect(kiosk.dispatch('cancel')).toEqual({ screen: 'attract', revision: 2 });
  });

  it('ignores actions a screen does not accept, so double taps change nothing', () => {
    const kiosk = new KioskMachine();
    const listener = vi.fn();
    kiosk.subscribe(listener);
    kiosk.dispatch('cancel');
    kiosk.dispatch('begin');
    kiosk.dispatch('begin');
    expect(listener.mock.calls).toEqual([[{ screen: 'signIn', revision: 1 }]]);
  });
});
