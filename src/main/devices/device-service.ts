import {
  mediaRoleSchema,
  unreportedCallDevices,
  type CallDevices,
  type DeviceChooser,
  type DeviceHealth,
  type DeviceSelection,
  type DeviceSelectionFailure,
  type HandsetState,
  type MediaDevice,
  type MediaRole,
  type TrackEvent,
} from '../../shared/contract/devices';
import type { Logger } from '../log/logger';
import { chooseByDefault, defaultRolePatterns, type RolePatterns } from './default-rule';
import type { DeviceChoices, DeviceChoiceStore } from './device-choices';
import { findDevice, identityOf, isRealDevice } from './device-identity';
import { conditionAfter, roleHealth, type TrackCondition } from './device-health';
import { choicesFromSelection } from './device-selection';
import { routeAudio } from './handset-rules';

const roles = mediaRoleSchema.options;

/** A media role, or the handset's hook switch (`hook`), whose health staff are told of. */
export type WatchedRole = MediaRole | 'hook';

/** A role's health changed: what staff are told, as a fault or as its clearing. */
export interface HealthChange {
  role: WatchedRole;
  /** Null at the renderer's first report since main started. */
  from: DeviceHealth | null;
  to: DeviceHealth;
  /** In a few words, for the fault record: `missing`, `track ended`, `could not open: NotReadableError`. */
  reason: string;
}

export interface DeviceServiceOptions {
  choices: DeviceChoiceStore;
  patterns?: RolePatterns;
  log: Logger;
}

/**
 * Main's hold on the kiosk's media devices. The renderer reports what `enumerateDevices()` lists and
 * what each track does; this resolves every role to a device by its stored identity (choosing one
 * by the default rule the first time, and storing it), judges each role's health, and publishes
 * which `deviceId` the renderer must open, or that the role has none.
 */
export class DeviceService {
  readonly #options: DeviceServiceOptions;
  readonly #patterns: RolePatterns;
  #choices: DeviceChoices;
  #inventory: readonly MediaDevice[] = [];
  #reported = false;
  /** By role and device: a device listed again after it left starts with no condition. */
  readonly #tracks = new Map<string, { condition: TrackCondition; error?: string }>();
  #handset: HandsetState = unreportedCallDevices.handset;
  #current: CallDevices = unreportedCallDevices;
  readonly #listeners = new Set<(devices: CallDevices) => void>();
  readonly #healthListeners = new Set<(change: HealthChange) => void>();
  readonly #inventoryListeners = new Set<() => void>();

  constructor(options: DeviceServiceOptions) {
    this.#options = options;
    this.#patterns = options.patterns ?? defaultRolePatterns;
    this.#choices = options.choices.read();
  }

  /** Which device each role must use, and how each is; `reported` false until the renderer's first report. */
  current(): CallDevices {
    return this.#current;
  }

  /** Each role's stored device, as resolved so far. */
  choices(): DeviceChoices {
    return this.#choices;
  }

  subscribe(listener: (devices: CallDevices) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every change of a role's health, the first report's included when it is not `ok`. */
  onHealthChange(listener: (change: HealthChange) => void): () => void {
    this.#healthListeners.add(listener);
    return () => this.#healthListeners.delete(listener);
  }

  /** Every report of the renderer's inventory, changed or not: the device chooser lists it. */
  onInventory(listener: () => void): () => void {
    this.#inventoryListeners.add(listener);
    return () => this.#inventoryListeners.delete(listener);
  }

  /** What the device chooser draws: every identifiable device listed, and what each role uses now. */
  chooser(failure: DeviceSelectionFailure | null = null): DeviceChooser {
    const chosen = Object.fromEntries(
      roles.map((role) => [role, this.#current.roles[role].deviceId]),
    ) as DeviceChooser['chosen'];
    return { inventory: [...this.#inventory], chosen, handset: this.#handset, failure };
  }

  /**
   * A technician's selection: checked against the latest inventory, then stored by identity for every
   * role at once (so it holds across restarts and new deviceIds) and published. Nothing is stored
   * when it is refused.
   */
  choose(selection: DeviceSelection): { ok: true } | { ok: false; failure: DeviceSelectionFailure } {
    const result = choicesFromSelection(selection, this.#inventory);
    if (!result.ok) {
      this.#options.log.warn({ failure: result.failure }, 'device selection refused');
      return result;
    }
    this.#choices = result.choices;
    this.#options.choices.write(this.#choices);
    this.#options.log.info(
      Object.fromEntries(roles.map((role) => [role, result.choices[role]?.identity?.label ?? null])),
      'devices chosen by a technician',
    );
    this.#update();
    return { ok: true };
  }

  reportInventory(devices: readonly MediaDevice[]): void {
    // An unlabelled device cannot be identified (the page has no media permission yet): it is not there.
    this.#inventory = devices.filter((device) => isRealDevice(device) && device.label !== '');
    this.#reported = true;
    for (const key of [...this.#tracks.keys()]) {
      const deviceId = key.slice(key.indexOf('\n') + 1);
      if (!this.#inventory.some((device) => device.deviceId === deviceId)) this.#tracks.delete(key);
    }
    this.#chooseUnchosen();
    this.#update();
    for (const listener of this.#inventoryListeners) listener();
  }

  /** A stale event (of a device the role no longer uses) changes nothing. */
  reportTrack(event: TrackEvent): void {
    if (this.#current.roles[event.role].deviceId !== event.deviceId) return;
    const condition = conditionAfter(event.event);
    this.#tracks.set(trackKey(event.role, event.deviceId), {
      condition,
      ...(event.error === undefined ? {} : { error: event.error }),
    });
    this.#update();
  }

  /**
   * Each watched role's health, for the heartbeat; empty before the renderer's first report.
   */
  health(): Partial<Record<WatchedRole, DeviceHealth>> {
    if (!this.#current.reported) return {};
    const media = Object.fromEntries(
      roles.filter((role) => this.#watched(role)).map((role) => [role, this.#current.roles[role].health]),
    );
    return this.#handset.mode === 'none' ? media : { ...media, hook: hookHealth(this.#handset) };
  }

  /** The handset's state, from the handset service: it decides where the call's sound goes. */
  setHandset(handset: HandsetState): void {
    const before = this.#handset;
    this.#handset = handset;
    this.#update();
    const to = hookHealth(handset);
    // The handset service's first word (mode `none` before it) is news only when the hook is missing.
    const from = before.mode === 'none' ? null : hookHealth(before);
    if (handset.mode === 'none' || from === to || (from === null && to === 'ok')) return;
    const change: HealthChange = { role: 'hook', from, to, reason: to === 'ok' ? 'ok' : 'gone' };
    this.#options.log.info(change, 'device health changed');
    for (const listener of this.#healthListeners) listener(change);
  }

  /**
   * A visit needs the camera and microphone, so they are always watched; a speaker or handset is
   * watched once a device has been chosen for it (a kiosk built without one, or a technician's
   * "none", has nothing to report missing), and always when the facility requires the handset.
   */
  #watched(role: MediaRole): boolean {
    const handsetRole = role === 'handsetMicrophone' || role === 'handsetSpeaker';
    if (handsetRole && this.#handset.mode === 'required') return true;
    return role === 'camera' || role === 'microphone' || (this.#choices[role]?.identity ?? null) !== null;
  }

  #chooseUnchosen(): void {
    let changed = false;
    for (const role of roles) {
      if (this.#choices[role] !== undefined) continue;
      const chosen = chooseByDefault(role, this.#inventory, this.#patterns);
      if (chosen === undefined) continue;
      this.#choices = { ...this.#choices, [role]: { identity: identityOf(chosen), chosenBy: 'default' } };
      this.#options.log.info({ role, label: chosen.label }, 'device chosen by the default rule');
      changed = true;
    }
    if (changed) this.#options.choices.write(this.#choices);
  }

  #update(): void {
    const before = this.#current;
    const next: CallDevices = {
      reported: this.#reported,
      roles: { ...unreportedCallDevices.roles },
      audio: unreportedCallDevices.audio,
      handset: this.#handset,
    };
    const reasons = new Map<MediaRole, string>();
    for (const role of roles) {
      const choice = this.#choices[role];
      const identity = choice?.identity ?? null;
      const device = identity === null ? undefined : findDevice(identity, this.#inventory);
      const track = device === undefined ? undefined : this.#tracks.get(trackKey(role, device.deviceId));
      const health = roleHealth(device !== undefined, track?.condition);
      next.roles[role] = { deviceId: device?.deviceId ?? null, health };
      reasons.set(role, reasonOf(health, track));
    }
    next.audio = routeAudio(this.#handset.mode, this.#handset, {
      input: next.roles.handsetMicrophone.deviceId !== null,
      output: next.roles.handsetSpeaker.deviceId !== null,
    });
    this.#current = next;
    if (sameDevices(before, next)) return;
    // Before the renderer has looked, no media device is known to be missing.
    for (const role of next.reported ? roles : []) {
      const from = before.reported ? before.roles[role].health : null;
      const to = next.roles[role].health;
      if (from === to || (from === null && to === 'ok') || !this.#watched(role)) continue;
      const change: HealthChange = { role, from, to, reason: reasons.get(role) ?? to };
      this.#options.log.info(change, 'device health changed');
      for (const listener of this.#healthListeners) listener(change);
    }
    for (const listener of this.#listeners) listener(next);
  }
}

function trackKey(role: MediaRole, deviceId: string): string {
  return `${role}\n${deviceId}`;
}

function reasonOf(health: DeviceHealth, track: { condition: TrackCondition; error?: string } | undefined): string {
  if (health === 'fault') {
    return track?.condition === 'failed' ? `could not open: ${track.error ?? 'unknown error'}` : 'track ended';
  }
  if (health === 'degraded') return 'track muted';
  return health;
}

/** The hook switch: there, or gone (unplugged, never found). */
function hookHealth(handset: HandsetState): DeviceHealth {
  return handset.present ? 'ok' : 'missing';
}

function sameDevices(a: CallDevices, b: CallDevices): boolean {
  return (
    a.reported === b.reported &&
    (Object.keys(a.handset) as Array<keyof HandsetState>).every((key) => a.handset[key] === b.handset[key]) &&
    a.audio.input === b.audio.input &&
    a.audio.output === b.audio.output &&
    roles.every(
      (role) => a.roles[role].deviceId === b.roles[role].deviceId && a.roles[role].health === b.roles[role].health,
    )
  );
}
