import type { CallDevices, DeviceHealth, MediaRole, TrackEvent } from '../../shared/contract/devices';
import type { KioskStatus } from '../../shared/protocol/kiosk-status';

/** The last thing the renderer said about the track it opened for a role from one device. */
export type TrackCondition = 'live' | 'muted' | 'ended' | 'failed';

/** A track event folded into what the role's track is now. */
export function conditionAfter(event: TrackEvent['event']): TrackCondition {
  return event === 'unmuted' ? 'live' : event;
}

/**
 * A role's health from whether its device is there and what its track last did: no device is
 * `missing`; a device whose track ended or could not open is `fault` (a camera pulled out ends its
 * track before `devicechange` removes it); a muted track is `degraded`; otherwise `ok`.
 */
export function roleHealth(present: boolean, condition: TrackCondition | undefined): DeviceHealth {
  if (!present) return 'missing';
  if (condition === 'ended' || condition === 'failed') return 'fault';
  if (condition === 'muted') return 'degraded';
  return 'ok';
}

/**
 * A visit needs a working camera and the microphone the sound goes through (the handset's, where
 * the facility requires it, and then its hook switch too); a muted one may come back, so it does
 * not stop a visit. Before the renderer has reported, nothing is known to be wrong.
 */
export function canMakeCalls({ reported, roles, audio, handset }: CallDevices): boolean {
  if (!reported) return true;
  const works = (health: DeviceHealth): boolean => health === 'ok' || health === 'degraded';
  if (handset.mode === 'required' && !handset.present) return false;
  return works(roles.camera.health) && works(roles[audio.input].health);
}

const worst: readonly DeviceHealth[] = ['missing', 'fault', 'degraded', 'ok'];

type HeartbeatDevice = keyof KioskStatus['devices'];

/** The heartbeat's device names: the handset's two audio roles are one device to staff. */
export const heartbeatDeviceOf = {
  camera: 'camera',
  microphone: 'microphone',
  speaker: 'speaker',
  handsetMicrophone: 'handset',
  handsetSpeaker: 'handset',
  hook: 'handset',
} as const satisfies Record<MediaRole | 'hook', HeartbeatDevice>;

/** Each device's state for the heartbeat, the worse of a device's roles winning. */
export function heartbeatDevices(
  health: Partial<Record<MediaRole | 'hook', DeviceHealth>>,
): Partial<Record<HeartbeatDevice, DeviceHealth>> {
  const devices: Partial<Record<HeartbeatDevice, DeviceHealth>> = {};
  for (const [role, state] of Object.entries(health) as [MediaRole | 'hook', DeviceHealth][]) {
    const name = heartbeatDeviceOf[role];
    const before = devices[name];
    if (before === undefined || worst.indexOf(state) < worst.indexOf(before)) devices[name] = state;
  }
  return devices;
}
