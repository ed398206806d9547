import { describe, expect, it } from 'vitest';
import { DeviceService, type HealthChange } from '../../../src/main/devices/device-service';
import { SimulatedHookSource } from '../../../src/main/devices/handset/simulated-hook-source';
import { handsetLeds, routeAudio } from '../../../src/main/devices/handset-rules';
import { HandsetService } from '../../../src/main/devices/handset-service';
import type { DeviceChoices } from '../../../src/main/devices/device-choices';
import type { MediaDevice } from '../../../src/shared/contract/devices';
import { silentLog } from '../store/helpers';

const both = { input: true, output: true };
const lifted = { present: true, offHook: true };
const down = { present: true, offHook: false };

describe('handset rules', () => {
  it('routes the sound through an optional handset only while it is lifted, there, and has its audio', () => {
    expect(routeAudio('optional', lifted, both)).toEqual({ input: 'handsetMicrophone', output: 'handsetSpeaker' });
    expect(routeAudio('optional', down, both)).toEqual({ input: 'microphone', output: 'speaker' });
    expect(routeAudio('optional', { present: false, offHook: null }, both)).toEqual({
      input: 'microphone',
      output: 'speaker',
    });
    expect(routeAudio('optional', lifted, { input: true, output: false })).toEqual({
      input: 'microphone',
      output: 'speaker',
    });
  });

  it('never uses the cabinet with a required handset, and never the handset without one', () => {
    expect(routeAudio('required', down, { input: false, output: false })).toEqual({
      input: 'handsetMicrophone',
      output: 'handsetSpeaker',
    });
    expect(routeAudio('none', lifted, both)).toEqual({ input: 'microphone', output: 'speaker' });
  });

  it('rings while the visitor is awaited, lights Off-Hook with the hook and Mute with the microphone', () => {
    expect(handsetLeds({ waitingForVisitor: true, offHook: false, muted: false })).toEqual({
      ring: true,
      offHook: false,
      mute: false,
    });
    expect(handsetLeds({ waitingForVisitor: false, offHook: true, muted: true })).toEqual({
      ring: false,
      offHook: true,
      mute: true,
    });
    // A toggling switch that has not told yet is not lit as lifted.
    expect(handsetLeds({ waitingForVisitor: false, offHook: null, muted: false }).offHook).toBe(false);
  });
});

describe('handset service', () => {
  const start = Date.parse('2026-12-02T10:00:00Z');

  function rig() {
    const source = new SimulatedHookSource();
    let now = start;
    const handset = new HandsetService({ mode: 'optional', source, hangUpSeconds: 10, now: () => now, log: silentLog });
    return { source, handset, advance: (ms: number) => (now += ms) };
  }

  it('starts the hang-up countdown only when the handset is put down during a call, and lifting cancels it', () => {
    const { source, handset, advance } = rig();
    source.lift();
    source.hangUp();
    expect(handset.state()).toMatchObject({ present: true, offHook: false, hangsUpAt: null });

    handset.setCall({ inCall: true, visitorConnected: true });
    source.lift();
    advance(5000);
    source.hangUp();
    expect(handset.state().hangsUpAt).toBe('2026-12-02T10:00:15.000Z');
    source.lift();
    expect(handset.state()).toMatchObject({ offHook: true, hangsUpAt: null });
    source.hangUp();
    handset.setCall({ inCall: false, visitorConnected: false });
    expect(handset.state().hangsUpAt).toBeNull();
  });

  it('writes every LED at each change: ring while waiting, off-hook with the hook, mute with the button', () => {
    const { source, handset } = rig();
    handset.setCall({ inCall: true, visitorConnected: false });
    expect(source.leds).toEqual({ ring: true, offHook: false, mute: false });
    source.lift();
    handset.setCall({ inCall: true, visitorConnected: true });
    expect(source.leds).toEqual({ ring: false, offHook: true, mute: false });
    source.pressMute();
    expect(handset.state().muted).toBe(true);
    expect(source.leds).toEqual({ ring: false, offHook: true, mute: true });
    handset.setCall({ inCall: false, visitorConnected: false });
    expect(source.leds).toEqual({ ring: false, offHook: true, mute: false });
  });

  it('a handset gone mid-call falls back to the cabinet and is reported to staff', () => {
    const source = new SimulatedHookSource();
    const handset = new HandsetService({ mode: 'optional', source, hangUpSeconds: 10, now: Date.now, log: silentLog });
    let choices: DeviceChoices = {};
    const devices = new DeviceService({
      choices: { read: () => choices, write: (next) => (choices = next) },
      patterns: { handsetMicrophone: /Handset/, handsetSpeaker: /Handset/ },
      log: silentLog,
    });
    const changes: HealthChange[] = [];
    devices.onHealthChange((change) => changes.push(change));
    devices.setHandset(handset.state());
    handset.subscribe((state) => devices.setHandset(state));
    const device = (kind: MediaDevice['kind'], label: string, deviceId: string): MediaDevice => ({
      kind,
      label,
      deviceId,
      groupId: deviceId,
    });
    devices.reportInventory([
      device('videoinput', 'Camera', 'cam'),
      device('audioinput', 'Cabinet microphone', 'mic'),
      device('audioinput', 'USB Handset', 'hs-in'),
      device('audiooutput', 'Cabinet speaker', 'spk'),
      device('audiooutput', 'USB Handset', 'hs-out'),
    ]);
    handset.setCall({ inCall: true, visitorConnected: true });
    source.lift();
    expect(devices.current().audio).toEqual({ input: 'handsetMicrophone', output: 'handsetSpeaker' });
    expect(devices.health()).toMatchObject({ hook: 'ok' });
    source.unplug();
    expect(devices.current().audio).toEqual({ input: 'microphone', output: 'speaker' });
    expect(devices.current().handset).toMatchObject({ present: false, offHook: null });
    expect(devices.health()).toMatchObject({ hook: 'missing' });
    expect(changes).toEqual([{ role: 'hook', from: 'ok', to: 'missing', reason: 'gone' }]);
  });
});
