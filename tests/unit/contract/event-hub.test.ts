import { describe, expect, it, vi } from 'vitest';
import { unreportedCallDevices } from '../../../src/shared/contract/devices';
import { EventHub } from '../../../src/main/contract/event-hub';

/** What every snapshot carries besides its screen's content. */
const common = {
  preferences: { language: 'en', largeText: false },
  idleWarning: null,
  devices: unreportedCallDevices,
  staff: null,
} as const;

describe('event hub', () => {
  it('sends valid events to every attached sink until detached', () => {
    const hub = new EventHub();
    const first = vi.fn();
    const second = vi.fn();
    hub.attach(first);
    const detach = hub.attach(second);
    hub.emit('kiosk.state', { screen: 'attract', revision: 1, ...common });
    detach();
    hub.emit('kiosk.state', { screen: 'attract', revision: 2, ...common });
    expect(first).toHaveBeenCalledTimes(2);
    expect(second.mock.calls).toEqual([
      [{ type: 'event', event: 'kiosk.state', payload: { screen: 'attract', revision: 1, ...common } }],
    ]);
  });

  it('refuses to emit a payload outside the contract', () => {
    const hub = new EventHub();
    expect(() => hub.emit('kiosk.state', { screen: 'attract', revision: 1.5, ...common })).toThrow();
  });
});
