import { describe, expect, it } from 'vitest';
import { HandsetUnavailableError } from '../../../../src/main/devices/handset/hid-hook-source';
import type { HookSource } from '../../../../src/main/devices/handset/hook-source';
import { keepHookSourceOpen } from '../../../../src/main/devices/handset/hook-source-keeper';
import { SimulatedHookSource } from '../../../../src/main/devices/handset/simulated-hook-source';
import { HandsetService } from '../../../../src/main/devices/handset-service';
import { FakeClock, flush, silentLog } from '../../store/helpers';

/** Opens what the list says, one entry per try: a source, or the reason there is none yet. */
function plugs(...tries: Array<SimulatedHookSource | string>) {
  const opened: SimulatedHookSource[] = [];
  let count = 0;
  const open = async (): Promise<HookSource | null> => {
    const next = tries[Math.min(count, tries.length - 1)];
    count += 1;
    if (typeof next === 'string') throw new HandsetUnavailableError(next);
    if (next === undefined) return null;
    opened.push(next);
    return next;
  };
  return { open, opened, tries: () => count };
}

function rig(open: () => Promise<HookSource | null>) {
  const clock = new FakeClock();
  const handset = new HandsetService({ mode: 'optional', hangUpSeconds: 10, now: clock.now, log: silentLog });
  const stop = keepHookSourceOpen({
    open,
    attach: (source) => handset.attach(source),
    timer: clock,
    log: silentLog,
    retryMs: 5000,
  });
  return { clock, handset, stop };
}

describe('keeping the hook source open', () => {
  it('finds a handset plugged in after the kiosk started, by trying again every few seconds', async () => {
    const source = new SimulatedHookSource();
    const device = plugs('no HID handset 047f:c056 is connected', 'no HID handset 047f:c056 is connected', source);
    const { clock, handset, stop } = rig(device.open);
    await flush();
    expect(handset.state().present).toBe(false);
    await clock.advance(5000);
    expect(device.tries()).toBe(2);
    expect(handset.state().present).toBe(false);
    await clock.advance(5000);
    expect(handset.state()).toMatchObject({ present: true, offHook: false });
    source.lift();
    expect(handset.state().offHook).toBe(true);
    // Found, it is not looked for again.
    await clock.advance(60_000);
    expect(device.tries()).toBe(3);
    stop();
  });

  it('opens the handset again after it was unplugged and plugged back', async () => {
    const first = new SimulatedHookSource();
    const second = new SimulatedHookSource();
    const device = plugs(first, 'unplugged', second);
    const { clock, handset, stop } = rig(device.open);
    await flush();
    expect(handset.state().present).toBe(true);
    first.unplug();
    expect(handset.state()).toMatchObject({ present: false, offHook: null });
    await clock.advance(5000);
    expect(handset.state().present).toBe(false);
    await clock.advance(5000);
    expect(handset.state().present).toBe(true);
    second.lift();
    expect(handset.state().offHook).toBe(true);
    // The LEDs go to the handset now in the cradle's place.
    expect(second.leds.offHook).toBe(true);
    stop();
  });

  it('tries again after an unexpected failure too, and stops trying when the kiosk closes', async () => {
    let count = 0;
    const { clock, stop } = rig(async () => {
      count += 1;
      throw new Error('EACCES /dev/hidraw2');
    });
    await clock.advance(5000);
    expect(count).toBe(2);
    stop();
    await clock.advance(60_000);
    expect(count).toBe(2);
    expect(clock.nextTimerIn()).toBeUndefined();
  });

  it('closes a source that opened after the kiosk closed, and attaches nothing', async () => {
    const source = new SimulatedHookSource();
    let release: () => void = () => {};
    const clock = new FakeClock();
    const attached: HookSource[] = [];
    const stop = keepHookSourceOpen({
      open: () => new Promise((resolve) => (release = () => resolve(source))),
      attach: (opened) => attached.push(opened),
      timer: clock,
      log: silentLog,
    });
    stop();
    release();
    await flush();
    expect(source.closed).toBe(true);
    expect(attached).toEqual([]);
  });

  it('opens nothing, and never retries, for a kiosk without a handset', async () => {
    const { clock, handset } = rig(async () => null);
    await clock.advance(60_000);
    expect(handset.state().present).toBe(false);
    expect(clock.nextTimerIn()).toBeUndefined();
  });
});

describe('handset service attach', () => {
  it('replaces a source, closing the one before it, and ignores any on a kiosk without a handset', () => {
    const clock = new FakeClock();
    const handset = new HandsetService({ mode: 'optional', hangUpSeconds: 10, now: clock.now, log: silentLog });
    const first = new SimulatedHookSource();
    const second = new SimulatedHookSource();
    handset.attach(first);
    first.lift();
    handset.attach(second);
    expect(first.closed).toBe(true);
    expect(handset.state()).toMatchObject({ present: true, offHook: false });

    const none = new HandsetService({ mode: 'none', hangUpSeconds: 10, now: clock.now, log: silentLog });
    none.attach(new SimulatedHookSource());
    expect(none.state().present).toBe(false);
  });
});
