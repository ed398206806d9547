import { describe, expect, it } from 'vitest';
import { reportDeviceFaults } from '../../../src/main/devices/device-faults';
import { DeviceService, type HealthChange } from '../../../src/main/devices/device-service';
import { openStore, type Store } from '../../../src/main/store/store';
import type { MediaDevice } from '../../../src/shared/contract/devices';
import { silentLog, tempDir } from '../store/helpers';

const camera = (label: string, deviceId: string, groupId = `g-${deviceId}`): MediaDevice => ({
  kind: 'videoinput',
  label,
  deviceId,
  groupId,
});
const microphone = (label: string, deviceId: string, groupId = `g-${deviceId}`): MediaDevice => ({
  kind: 'audioinput',
  label,
  deviceId,
  groupId,
});
const speaker = (label: string, deviceId: string, groupId = `g-${deviceId}`): MediaDevice => ({
  kind: 'audiooutput',
  label,
  deviceId,
  groupId,
});

const webcam = camera('HD Pro Webcam C920 (046d:082d)', 'cam-1');
const mic = microphone('Built-in Audio Analog Stereo', 'mic-1');
const handsetMic = microphone('USB Handset Audio (0d8c:0014)', 'hs-in', 'hs');
const handsetSpeaker = speaker('USB Handset Audio (0d8c:0014)', 'hs-out', 'hs');
const cabinetSpeaker = speaker('Built-in Audio Analog Stereo', 'spk-1');

function storeIn(dir: string): Store {
  return openStore({ dir, log: silentLog, serverNow: Date.now });
}

function serviceOver(store: Store): DeviceService {
  return new DeviceService({
    choices: {
      read: () => store.config.get('deviceChoices') ?? {},
      write: (choices) => store.config.set({ deviceChoices: choices }),
    },
    log: silentLog,
  });
}

describe('device service', () => {
  it('publishes nothing to open before the renderer reports, then each role by the default rule', () => {
    const store = storeIn(tempDir());
    const devices = serviceOver(store);
    expect(devices.current().reported).toBe(false);
    expect(devices.current().roles.camera).toEqual({ deviceId: null, health: 'missing' });
    expect(devices.health()).toEqual({});

    devices.reportInventory([webcam, mic, handsetMic, cabinetSpeaker, handsetSpeaker]);
    expect(devices.current()).toMatchObject({
      reported: true,
      roles: {
        camera: { deviceId: 'cam-1', health: 'ok' },
        // The handset's own audio is left to the handset while the cabinet has its own.
        microphone: { deviceId: 'mic-1', health: 'ok' },
        speaker: { deviceId: 'spk-1', health: 'ok' },
        handsetMicrophone: { deviceId: 'hs-in', health: 'ok' },
        handsetSpeaker: { deviceId: 'hs-out', health: 'ok' },
      },
    });
    store.close();
  });

  it('keeps its choice across restarts and re-enumeration with new device IDs, never wandering to another device', () => {
    const dir = tempDir();
    const first = storeIn(dir);
    serviceOver(first).reportInventory([camera('Front Camera', 'a1'), camera('Rear Camera', 'a2'), mic]);
    expect(first.config.get('deviceChoices')?.camera?.identity?.label).toBe('Front Camera');
    first.close();

    // Next start: the browser renumbered everything and lists the cameras the other way round.
    const second = storeIn(dir);
    const devices = serviceOver(second);
    devices.reportInventory([camera('Rear Camera', 'b1'), camera('Front Camera', 'b2'), { ...mic, deviceId: 'm2' }]);
    expect(devices.current().roles.camera).toEqual({ deviceId: 'b2', health: 'ok' });
    expect(devices.current().roles.microphone).toEqual({ deviceId: 'm2', health: 'ok' });

    // The chosen camera unplugged: the role has no device; the other camera is not taken instead.
    devices.reportInventory([camera('Rear Camera', 'b1'), { ...mic, deviceId: 'm2' }]);
    expect(devices.current().roles.camera).toEqual({ deviceId: null, health: 'missing' });
    second.close();
  });

  it('finds a device by vendor:product when its label changed, and by group between identical labels', () => {
    const store = storeIn(tempDir());
    const devices = serviceOver(store);
    devices.reportInventory([
      camera('USB Camera (1234:abcd)', 'c1', 'g1'),
      camera('USB Camera (1234:abcd)', 'c2', 'g2'),
      mic,
    ]);
    expect(devices.current().roles.camera.deviceId).toBe('c1');
    devices.reportInventory([
      camera('USB Camera (1234:abcd)', 'c2', 'g2'),
      camera('USB Camera (1234:abcd)', 'c1', 'g1'),
      mic,
    ]);
    expect(devices.current().roles.camera.deviceId).toBe('c1');
    devices.reportInventory([camera('USB Camera #2 (1234:ABCD)', 'c9', 'g9'), mic]);
    expect(devices.current().roles.camera.deviceId).toBe('c9');
    store.close();
  });

  it('never chooses Chromium’s default and communications entries, nor an unlabelled device', () => {
    const store = storeIn(tempDir());
    const devices = serviceOver(store);
    devices.reportInventory([
      microphone('Default - Built-in Audio Analog Stereo', 'default', 'g-mic-1'),
      microphone('Communications - Built-in Audio Analog Stereo', 'communications', 'g-mic-1'),
      microphone('', 'x'),
      mic,
      webcam,
    ]);
    expect(devices.current().roles.microphone.deviceId).toBe('mic-1');
    store.close();
  });

  it('judges health from the tracks: ended is a fault, muted degraded, and a device that returns is ok again', () => {
    const store = storeIn(tempDir());
    const devices = serviceOver(store);
    const changes: HealthChange[] = [];
    devices.onHealthChange((change) => changes.push(change));
    devices.reportInventory([webcam, mic]);
    devices.reportTrack({ role: 'camera', deviceId: 'cam-1', event: 'live' });
    devices.reportTrack({ role: 'camera', deviceId: 'cam-1', event: 'muted' });
    expect(devices.current().roles.camera.health).toBe('degraded');
    devices.reportTrack({ role: 'camera', deviceId: 'cam-1', event: 'unmuted' });
    devices.reportTrack({ role: 'camera', deviceId: 'cam-1', event: 'ended' });
    expect(devices.current().roles.camera.health).toBe('fault');
    // A late event of a device the role no longer uses changes nothing.
    devices.reportTrack({ role: 'microphone', deviceId: 'old-mic', event: 'ended' });
    devices.reportInventory([mic]);
    expect(devices.current().roles.camera).toEqual({ deviceId: null, health: 'missing' });
    devices.reportInventory([webcam, mic]);
    expect(devices.current().roles.camera).toEqual({ deviceId: 'cam-1', health: 'ok' });
    devices.reportTrack({ role: 'microphone', deviceId: 'mic-1', event: 'failed', error: 'NotReadableError' });
    expect(changes.map(({ role, from, to, reason }) => `${role} ${from}→${to} (${reason})`)).toEqual([
      'camera ok→degraded (track muted)',
      'camera degraded→ok (ok)',
      'camera ok→fault (track ended)',
      'camera fault→missing (missing)',
      'camera missing→ok (ok)',
      'microphone ok→fault (could not open: NotReadableError)',
    ]);
    store.close();
  });

  it('counts a speaker the sound could not be sent to as a fault, until it is listed again', () => {
    const store = storeIn(tempDir());
    const devices = serviceOver(store);
    devices.reportInventory([webcam, mic, cabinetSpeaker]);
    devices.reportTrack({ role: 'speaker', deviceId: 'spk-1', event: 'failed', error: 'NotFoundError' });
    expect(devices.current().roles.speaker).toEqual({ deviceId: 'spk-1', health: 'fault' });
    expect(devices.health()).toMatchObject({ speaker: 'fault' });
    devices.reportInventory([webcam, mic]);
    devices.reportInventory([webcam, mic, cabinetSpeaker]);
    expect(devices.current().roles.speaker.health).toBe('ok');
    store.close();
  });

  it('reports a camera missing from the first report, but not a speaker or handset the kiosk never had', () => {
    const store = storeIn(tempDir());
    const devices = serviceOver(store);
    const changes: HealthChange[] = [];
    devices.onHealthChange((change) => changes.push(change));
    devices.reportInventory([mic]);
    expect(changes).toEqual([{ role: 'camera', from: null, to: 'missing', reason: 'missing' }]);
    expect(devices.health()).toEqual({ camera: 'missing', microphone: 'ok' });
    store.close();
  });

  it('records each change durably: a device.fault record, cleared when it is ok again, and an audit entry', () => {
    const store = storeIn(tempDir());
    const devices = serviceOver(store);
    reportDeviceFaults(devices, {
      enqueue: (type, payload) => store.outbox.enqueue(type, payload),
      audit: (entry) => store.audit.record(entry),
      now: () => Date.parse('2026-12-02T10:00:00Z'),
    });
    devices.reportInventory([webcam, mic]);
    devices.reportTrack({ role: 'camera', deviceId: 'cam-1', event: 'ended' });
    devices.reportInventory([webcam, mic]);
    devices.reportInventory([mic]);
    devices.reportInventory([webcam, mic]);
    const records = store.outbox.head(10).filter((entry) => entry.type === 'device.fault');
    expect(records.map((entry) => entry.payload)).toEqual([
      { device: 'camera', fault: 'camera: track ended', at: '2026-12-02T10:00:00.000Z', cleared: false },
      { device: 'camera', fault: 'camera: missing', at: '2026-12-02T10:00:00.000Z', cleared: false },
      { device: 'camera', fault: 'camera: ok', at: '2026-12-02T10:00:00.000Z', cleared: true },
    ]);
    expect(store.audit.recent(10).map((entry) => entry.action)).toEqual([
      'device.restored',
      'device.fault',
      'device.fault',
    ]);
    store.close();
  });
});
