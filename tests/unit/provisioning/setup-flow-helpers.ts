import { DeviceService } from '../../../src/main/devices/device-service';
import type { SetupFlow } from '../../../src/main/provisioning/setup-flow';
import type { ConfigStore } from '../../../src/main/store/config-store';
import type { MediaDevice } from '../../../src/shared/contract/devices';
import type { MediaCheckMeasurement } from '../../../src/shared/contract/media-check';
import type { SetupView } from '../../../src/shared/contract/setup';
import { silentLog } from '../store/helpers';

/** Resolves with the view once `ready` holds for it. */
export function until(setup: SetupFlow, ready: (view: SetupView) => boolean): Promise<SetupView> {
  return new Promise((resolve) => {
    if (ready(setup.view())) return resolve(setup.view());
    const stop = setup.subscribe(() => {
      if (!ready(setup.view())) return;
      stop();
      resolve(setup.view());
    });
  });
}

/** What a renderer reports from a test call whose echo came back over UDP. */
export const echoed = (checkId: string): MediaCheckMeasurement => ({
  checkId,
  room: 'joined',
  cameraLive: true,
  path: 'udp',
  roundTripMs: 2.4,
  packetsReceived: 400,
  packetsLost: 4,
  framesDecoded: 120,
  videoBitrateKbps: 812.6,
  durationMs: 6100,
});

/** Waits for the check's echo room, reports a passing test call for it, and waits for done. */
export async function passCheck(setup: SetupFlow): Promise<SetupView> {
  const running = await until(setup, (view) => view.step === 'check' && view.check.status === 'running');
  if (running.step !== 'check' || running.check.status !== 'running') throw new Error('expected a running check');
  setup.reportCheck(echoed(running.check.checkId));
  return until(setup, (view) => view.step === 'done');
}

/** A kiosk's camera, microphone and speaker, as its renderer lists them. */
const kioskInventory: MediaDevice[] = [
  { kind: 'videoinput', deviceId: 'cam-1', label: 'HD Pro Webcam C920 (046d:082d)', groupId: 'g1' },
  { kind: 'audioinput', deviceId: 'mic-1', label: 'Built-in Audio Analog Stereo', groupId: 'g2' },
  { kind: 'audiooutput', deviceId: 'spk-1', label: 'Built-in Audio Analog Stereo', groupId: 'g2' },
];

/** The device service over the kiosk's store, with the renderer's inventory already reported. */
export function stockedDevices(config: Pick<ConfigStore, 'get' | 'set'>): DeviceService {
  const devices = new DeviceService({
    choices: {
      read: () => config.get('deviceChoices') ?? {},
      write: (choices) => config.set({ deviceChoices: choices }),
    },
    log: silentLog,
  });
  devices.reportInventory(kioskInventory);
  return devices;
}

/** Waits for the devices step, takes the devices it preselected, and waits for the check. */
export async function confirmDevices(setup: SetupFlow): Promise<SetupView> {
  const shown = await until(setup, (view) => view.step === 'devices');
  if (shown.step !== 'devices') throw new Error('expected the devices step');
  const { camera, microphone, speaker, handsetMicrophone, handsetSpeaker } = shown.chooser.chosen;
  if (camera === null || microphone === null) throw new Error('expected a camera and a microphone preselected');
  setup.chooseDevices({ camera, microphone, speaker, handsetMicrophone, handsetSpeaker });
  return until(setup, (view) => view.step === 'check');
}
