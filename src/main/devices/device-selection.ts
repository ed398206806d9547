import {
  mediaRoleSchema,
  type DeviceSelection,
  type DeviceSelectionFailure,
  type MediaDevice,
} from '../../shared/contract/devices';
import { roleKinds } from './default-rule';
import type { DeviceChoices } from './device-choices';
import { identityOf, isRealDevice } from './device-identity';

export type SelectionResult = { ok: true; choices: DeviceChoices } | { ok: false; failure: DeviceSelectionFailure };

/**
 * A technician's selection, checked against the inventory main holds and turned into choices by
 * stable identity: every device named must be listed now (not one unplugged since the screen was
 * drawn) and of its role's kind; an optional role left empty is stored as "none", so the default
 * rule never fills it in behind the technician's back.
 */
export function choicesFromSelection(selection: DeviceSelection, inventory: readonly MediaDevice[]): SelectionResult {
  const choices: DeviceChoices = {};
  for (const role of mediaRoleSchema.options) {
    const deviceId = selection[role];
    if (deviceId === null) {
      choices[role] = { identity: null, chosenBy: 'technician' };
      continue;
    }
    const listed = inventory.filter((device) => device.deviceId === deviceId && isRealDevice(device));
    if (listed.length === 0) return { ok: false, failure: 'not_listed' };
    // An audio device lists once as an input and once as an output under the same ID.
    const device = listed.find((candidate) => candidate.kind === roleKinds[role]);
    if (device === undefined) return { ok: false, failure: 'wrong_kind' };
    choices[role] = { identity: identityOf(device), chosenBy: 'technician' };
  }
  return { ok: true, choices };
}
