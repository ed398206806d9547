import { describe, expect, it } from 'vitest';
import { choicesFromSelection } from '../../../src/main/devices/device-selection';
import { DeviceService } from '../../../src/main/devices/device-service';
import { openStore } from '../../../src/main/store/store';
import type { DeviceSelection, MediaDevice } from '../../../src/shared/contract/devices';
import { silentLog, tempDir } from '../store/helpers';

const inventory: MediaDevice[] = [
  { kind: 'videoinput', deviceId: 'cam-1', label: 'Front Camera (046d:082d)', groupId: 'g1' },
  { kind: 'videoinput', deviceId: 'cam-2', label: 'Door Camera (046d:0825)', groupId: 'g2' },
  { kind: 'audioinput', deviceId: 'default', label: 'Default', groupId: 'g3' },
  { kind: 'audioinput', deviceId: 'mic-1', label: 'Built-in Audio Analog Stereo', groupId: 'g3' },
  { kind: 'audioinput', deviceId: 'hs', label: 'USB Handset Audio (0d8c:0014)', groupId: 'g4' },
  { kind: 'audiooutput', deviceId: 'spk-1', label: 'Built-in Audio Analog Stereo', groupId: 'g3' },
  { kind: 'audiooutput', deviceId: 'hs', label: 'USB Handset Audio (0d8c:0014)', groupId: 'g4' },
];

const selection: DeviceSelection = {
  camera: 'cam-2',
  microphone: 'mic-1',
  speaker: 'spk-1',
  handsetMicrophone: 'hs',
  handsetSpeaker: 'hs',
};

describe('a technician’s device selection', () => {
  it('becomes a choice by identity for every role, the handset’s input and output told apart by kind', () => {
    const result = choicesFromSelection(selection, inventory);
    expect(result).toEqual({
      ok: true,
      choices: {
        camera: {
          identity: { kind: 'videoinput', label: 'Door Camera (046d:0825)', vendorProduct: '046d:0825', groupId: 'g2' },
          chosenBy: 'technician',
        },
        microphone: {
          identity: { kind: 'audioinput', label: 'Built-in Audio Analog Stereo', vendorProduct: null, groupId: 'g3' },
          chosenBy: 'technician',
        },
        speaker: {
          identity: { kind: 'audiooutput', label: 'Built-in Audio Analog Stereo', vendorProduct: null, groupId: 'g3' },
          chosenBy: 'technician',
        },
        handsetMicrophone: {
          identity: {
            kind: 'audioinput',
            label: 'USB Handset Audio (0d8c:0014)',
            vendorProduct: '0d8c:0014',
            groupId: 'g4',
          },
          chosenBy: 'technician',
        },
        handsetSpeaker: {
          identity: {
            kind: 'audiooutput',
            label: 'USB Handset Audio (0d8c:0014)',
            vendorProduct: '0d8c:0014',
            groupId: 'g4',
          },
          chosenBy: 'technician',
        },
      },
    });
  });

  it('stores an optional role left empty as none', () => {
    const result = choicesFromSelection({ ...selection, handsetMicrophone: null, handsetSpeaker: null }, inventory);
    expect(result.ok && result.choices.handsetSpeaker).toEqual({ identity: null, chosenBy: 'technician' });
  });

  it('refuses a device that is not listed, Chromium’s default entry, and a device of another kind', () => {
    expect(choicesFromSelection({ ...selection, camera: 'cam-unplugged' }, inventory)).toEqual({
      ok: false,
      failure: 'not_listed',
    });
    expect(choicesFromSelection({ ...selection, microphone: 'default' }, inventory)).toEqual({
      ok: false,
      failure: 'not_listed',
    });
    expect(choicesFromSelection({ ...selection, microphone: 'cam-1' }, inventory)).toEqual({
      ok: false,
      failure: 'wrong_kind',
    });
    expect(choicesFromSelection({ ...selection, speaker: 'mic-1' }, inventory)).toEqual({
      ok: false,
      failure: 'wrong_kind',
    });
  });
});

describe('the device service’s technician choice', () => {
  function serviceIn(dir: string) {
    const store = openStore({ dir, log: silentLog, serverNow: Date.now });
    const service = new DeviceService({
      choices: {
        read: () => store.config.get('deviceChoices') ?? {},
        write: (choices) => store.config.set({ deviceChoices: choices }),
      },
      log: silentLog,
    });
    return { store, service };
  }

  it('refuses a selection against the latest inventory and stores nothing', () => {
    const { store, service } = serviceIn(tempDir());
    service.reportInventory(inventory);
    const before = store.config.get('deviceChoices');
    service.reportInventory(inventory.filter((device) => device.deviceId !== 'cam-2'));
    expect(service.choose(selection)).toEqual({ ok: false, failure: 'not_listed' });
    expect(service.chooser().failure).toBeNull();
    expect(store.config.get('deviceChoices')).toEqual(before);
    store.close();
  });

  it('uses the chosen devices at once, and again after a restart whose enumeration gave every device a new ID', () => {
    const dir = tempDir();
    const first = serviceIn(dir);
    first.service.reportInventory(inventory);
    // The default rule took the first camera and left the handset out of the cabinet's roles.
    expect(first.service.current().roles.camera.deviceId).toBe('cam-1');
    expect(first.service.choose({ ...selection, speaker: null })).toEqual({ ok: true });
    expect(first.service.current().roles).toMatchObject({
      camera: { deviceId: 'cam-2', health: 'ok' },
      speaker: { deviceId: null },
      handsetSpeaker: { deviceId: 'hs' },
    });
    first.store.close();

    const second = serviceIn(dir);
    const renumbered = inventory.map((device) =>
      device.deviceId === 'default' ? device : { ...device, deviceId: `new-${device.deviceId}` },
    );
    second.service.reportInventory(renumbered.reverse());
    expect(second.service.chooser().chosen).toEqual({
      camera: 'new-cam-2',
      microphone: 'new-mic-1',
      // The technician's "no cabinet speaker" holds: the default rule does not fill it in.
      speaker: null,
      handsetMicrophone: 'new-hs',
      handsetSpeaker: 'new-hs',
    });
    // A speaker the technician said the kiosk has none of is not reported missing.
    expect(second.service.health()).not.toHaveProperty('speaker');
    second.store.close();
  });
});
