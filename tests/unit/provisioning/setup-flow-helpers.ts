import type { SetupFlow } from '../../../src/main/provisioning/setup-flow';
import type { MediaCheckMeasurement } from '../../../src/shared/contract/media-check';
import type { SetupView } from '../../../src/shared/contract/setup';

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
