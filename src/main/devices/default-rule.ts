import type { MediaDevice, MediaRole } from '../../shared/contract/devices';
import { isRealDevice } from './device-identity';

export const roleKinds = {
  camera: 'videoinput',
  microphone: 'audioinput',
  speaker: 'audiooutput',
  handsetMicrophone: 'audioinput',
  handsetSpeaker: 'audiooutput',
} as const satisfies Record<MediaRole, MediaDevice['kind']>;

/** Label patterns the facility may set per role; the handset's is what tells its USB audio apart. */
export type RolePatterns = Partial<Record<MediaRole, RegExp>>;

export const defaultRolePatterns: RolePatterns = {
  handsetMicrophone: /handset|telephone|phone/i,
  handsetSpeaker: /handset|telephone|phone/i,
};

/**
 * The documented default rule, applied only to a role nobody has chosen yet (a technician's choice
 * always wins, and what this picks is stored so it does not wander between starts):
 *
 * - a handset role takes only a device whose label matches the handset pattern, or none;
 * - any other role leaves the handset's device out while another device of its kind exists, then
 *   takes the only device of its kind, else the first whose label matches the role's pattern, else
 *   the first listed.
 */
export function chooseByDefault(
  role: MediaRole,
  inventory: readonly MediaDevice[],
  patterns: RolePatterns = defaultRolePatterns,
): MediaDevice | undefined {
  const ofKind = inventory.filter((device) => device.kind === roleKinds[role] && isRealDevice(device));
  const pattern = patterns[role];
  if (role === 'handsetMicrophone' || role === 'handsetSpeaker') {
    return pattern === undefined ? undefined : ofKind.find((device) => pattern.test(device.label));
  }
  const handsetPattern = role === 'microphone' ? patterns.handsetMicrophone : patterns.handsetSpeaker;
  const notHandset = ofKind.filter((device) => handsetPattern === undefined || !handsetPattern.test(device.label));
  const candidates = notHandset.length > 0 ? notHandset : ofKind;
  if (candidates.length === 1) return candidates[0];
  return (pattern === undefined ? undefined : candidates.find((device) => pattern.test(device.label))) ?? candidates[0];
}
