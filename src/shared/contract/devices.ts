import { z } from 'zod';

/**
 * What the renderer tells main about media devices, and what main tells it to use. Only the
 * renderer can enumerate them; only main decides which one each role uses.
 */

export const mediaDeviceKindSchema = z.enum(['videoinput', 'audioinput', 'audiooutput']);
export type MediaDeviceKind = z.infer<typeof mediaDeviceKindSchema>;

/** One entry of `enumerateDevices()`, as the renderer saw it. */
export const mediaDeviceSchema = z.strictObject({
  kind: mediaDeviceKindSchema,
  deviceId: z.string().max(500),
  label: z.string().max(200),
  groupId: z.string().max(500),
});
export type MediaDevice = z.infer<typeof mediaDeviceSchema>;

/** The roles a kiosk's media devices play; the handset's USB audio device has two. */
export const mediaRoleSchema = z.enum(['camera', 'microphone', 'speaker', 'handsetMicrophone', 'handsetSpeaker']);
export type MediaRole = z.infer<typeof mediaRoleSchema>;

/** The roles whose device the renderer opens as a track (the speakers are sinks, not tracks). */
export const trackRoleSchema = mediaRoleSchema.extract(['camera', 'microphone', 'handsetMicrophone']);
export type TrackRole = z.infer<typeof trackRoleSchema>;

/**
 * `ok`; `degraded`: present, but its track is muted (a temporary loss); `fault`: present, but its
 * track ended or could not be opened; `missing`: no device for the role.
 */
export const deviceHealthSchema = z.enum(['ok', 'degraded', 'fault', 'missing']);
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;

/**
 * What happened to a track the renderer opened for a role, or to its attempt to open one; for a
 * speaker, `failed` when the sound could not be sent to it (`setSinkId` refused: the device is gone).
 */
export const trackEventSchema = z.strictObject({
  role: mediaRoleSchema,
  deviceId: z.string().max(500),
  event: z.enum(['live', 'ended', 'muted', 'unmuted', 'failed']),
  /** For `failed`: the error's name (NotFoundError, NotReadableError, OverconstrainedError, …). */
  error: z.string().max(100).optional(),
});
export type TrackEvent = z.infer<typeof trackEventSchema>;

/** Which device a role must use (null: none works), and how it is. */
export const roleDeviceSchema = z.strictObject({
  deviceId: z.string().max(500).nullable(),
  health: deviceHealthSchema,
});
export type RoleDevice = z.infer<typeof roleDeviceSchema>;

/**
 * The facility's handset rule: `required`, the call's sound only ever goes through the handset (the
 * cabinet's speaker is never used); `optional`, through the handset while it is lifted, the
 * cabinet otherwise; `none`, the kiosk has no handset.
 */
export const handsetModeSchema = z.enum(['required', 'optional', 'none']);
export type HandsetMode = z.infer<typeof handsetModeSchema>;

export const handsetStateSchema = z.strictObject({
  mode: handsetModeSchema,
  /** A hook source is attached and has not gone away. */
  present: z.boolean(),
  /** Null until the hook switch has told (a toggling switch says nothing at start). */
  offHook: z.boolean().nullable(),
  /** The handset was put down during the call under way: it hangs up at this time unless lifted again. */
  hangsUpAt: z.iso.datetime({ offset: true }).nullable(),
  /** The handset's mute button: the microphone is muted while true. */
  muted: z.boolean(),
});
export type HandsetState = z.infer<typeof handsetStateSchema>;

/** Which roles carry the call's sound now: main switches them as the handset is lifted and put down. */
export const audioRouteSchema = z.strictObject({
  input: z.enum(['microphone', 'handsetMicrophone']),
  output: z.enum(['speaker', 'handsetSpeaker']),
});
export type AudioRoute = z.infer<typeof audioRouteSchema>;

/**
 * Main's word on the kiosk's media devices, in every snapshot. `reported` is false until the
 * renderer has told main what it sees; until then no role has a device.
 */
export const callDevicesSchema = z.strictObject({
  reported: z.boolean(),
  roles: z.strictObject({
    camera: roleDeviceSchema,
    microphone: roleDeviceSchema,
    speaker: roleDeviceSchema,
    handsetMicrophone: roleDeviceSchema,
    handsetSpeaker: roleDeviceSchema,
  }),
  audio: audioRouteSchema,
  handset: handsetStateSchema,
});
export type CallDevices = z.infer<typeof callDevicesSchema>;

export const mediaInventorySchema = z.array(mediaDeviceSchema).max(64);

const noDevice: RoleDevice = { deviceId: null, health: 'missing' };

/** Before the renderer's first report: nothing is known, so nothing is opened and nothing is blamed. */
export const unreportedCallDevices: CallDevices = {
  reported: false,
  roles: {
    camera: noDevice,
    microphone: noDevice,
    speaker: noDevice,
    handsetMicrophone: noDevice,
    handsetSpeaker: noDevice,
  },
  audio: { input: 'microphone', output: 'speaker' },
  handset: { mode: 'none', present: false, offHook: null, hangsUpAt: null, muted: false },
};

const deviceIdSchema = z.string().min(1).max(500);

/**
 * A technician's choice of device for each role, by the `deviceId`s of the inventory on screen
 * (main stores each by its stable identity). A video kiosk cannot work without a camera and a
 * microphone; a cabinet speaker and the handset's audio are optional (null: none).
 */
export const deviceSelectionSchema = z.strictObject({
  camera: deviceIdSchema,
  microphone: deviceIdSchema,
  speaker: deviceIdSchema.nullable(),
  handsetMicrophone: deviceIdSchema.nullable(),
  handsetSpeaker: deviceIdSchema.nullable(),
});
export type DeviceSelection = z.infer<typeof deviceSelectionSchema>;

/** Why a selection was refused; nothing of it is stored. */
export const deviceSelectionFailureSchema = z.enum([
  /** A device chosen is not in main's latest inventory (unplugged meanwhile): choose again from the list. */
  'not_listed',
  /** A device chosen is not of the role's kind (a speaker as the microphone). */
  'wrong_kind',
]);
export type DeviceSelectionFailure = z.infer<typeof deviceSelectionFailureSchema>;

/**
 * What the device chooser draws: every device the renderer last reported, the one each role uses
 * now (preselected), the handset's hook, and why the last selection was refused.
 */
export const deviceChooserSchema = z.strictObject({
  inventory: mediaInventorySchema,
  chosen: z.strictObject({
    camera: deviceIdSchema.nullable(),
    microphone: deviceIdSchema.nullable(),
    speaker: deviceIdSchema.nullable(),
    handsetMicrophone: deviceIdSchema.nullable(),
    handsetSpeaker: deviceIdSchema.nullable(),
  }),
  handset: handsetStateSchema,
  failure: deviceSelectionFailureSchema.nullable(),
});
export type DeviceChooser = z.infer<typeof deviceChooserSchema>;
