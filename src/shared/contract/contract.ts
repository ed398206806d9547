import { z } from 'zod';
import {
  appInfoSchema,
  callEndReasonSchema,
  kioskSnapshotSchema,
  languageSchema,
  mediaReportSchema,
  rendererErrorSchema,
  staffDiagnosticsSchema,
  staffMessageSchema,
} from './kiosk';
import { deviceSelectionSchema, mediaInventorySchema, trackEventSchema } from './devices';
import { mediaCheckMeasurementSchema } from './media-check';
import { kioskLocationSchema, setupCodeSignInRequestSchema } from '../protocol/setup';
import { serverAddressSchema } from './setup';
import { housingUnitIdSchema, inmateIdSchema, pinSchema, visitIdSchema } from '../protocol/common';
import { staffActionSchema, staffNumberSchema, staffPinSchema } from '../protocol/staff';

const empty = z.strictObject({});

/**
 * Every request the renderer may make of main, and every event main may send it.
 * Nothing else crosses the boundary: a channel missing here is refused by both hosts.
 */
export const requests = {
  'app.getInfo': { request: empty, response: appInfoSchema },
  'kiosk.getState': { request: empty, response: kioskSnapshotSchema },
  'kiosk.begin': { request: empty, response: kioskSnapshotSchema },
  /** Back one screen: sign-in to attract, the visit list to attract (signing out), before-the-call to the list. */
  'kiosk.cancel': { request: empty, response: kioskSnapshotSchema },
  /** The person touched the screen; keeps them signed in. Sent at most every few seconds. */
  'kiosk.activity': { request: empty, response: empty },
  'kiosk.setLanguage': { request: z.strictObject({ language: languageSchema }), response: kioskSnapshotSchema },
  'kiosk.setLargeText': { request: z.strictObject({ largeText: z.boolean() }), response: kioskSnapshotSchema },
  'session.signIn': {
    request: z.strictObject({ inmateId: inmateIdSchema, pin: pinSchema }),
    response: kioskSnapshotSchema,
  },
  /** Ends the person's session from any screen but the call; the after-call screen's "Done". */
  'session.signOut': { request: empty, response: kioskSnapshotSchema },
  /** From the visit list to the screen before the call. */
  'visit.start': { request: z.strictObject({ visitId: visitIdSchema }), response: kioskSnapshotSchema },
  /** The notice was acknowledged: main joins the visit on the server and opens the call. */
  'visit.join': { request: z.strictObject({ visitId: visitIdSchema }), response: kioskSnapshotSchema },
  /**
   * A fresh media ticket for the call under way (tickets last two minutes, and a renderer that must
   * reconnect after a long cut or a server restart needs one): main joins the visit again, and the
   * call's snapshot carries the new ticket.
   */
  'visit.renewTicket': { request: z.strictObject({ visitId: visitIdSchema }), response: kioskSnapshotSchema },
  /**
   * Whether the visitor's media is reaching the kiosk, each time that changes, and why not; main's
   * visit session keeps the ledger from it.
   */
  'visit.media': {
    request: z.strictObject({ visitId: visitIdSchema, ...mediaReportSchema.shape }),
    response: empty,
  },
  'visit.end': {
    request: z.strictObject({
      visitId: visitIdSchema,
      reason: callEndReasonSchema,
      /** How long before this request the call ended: a hang-up is confirmed a round trip after the server stopped counting. */
      endedMsAgo: z.number().int().min(0).max(10_000).optional(),
    }),
    response: kioskSnapshotSchema,
  },
  /**
   * What `enumerateDevices()` lists, at start and after every `devicechange`: main re-resolves each
   * role's device from it, and the snapshot says which one to open.
   */
  'devices.inventory': { request: z.strictObject({ devices: mediaInventorySchema }), response: empty },
  /** A track opened for a role ended, muted, came back, or could not be opened at all. */
  'devices.track': { request: trackEventSchema, response: empty },
  'staffMessage.get': { request: empty, response: z.strictObject({ message: staffMessageSchema.nullable() }) },
  'staffMessage.dismiss': { request: z.strictObject({ id: z.uuid() }), response: empty },
  'diagnostics.reportRendererError': { request: rendererErrorSchema, response: empty },
  /** The long press on the staff corner: staff sign-in opens over whatever screen is up. */
  'staff.open': { request: empty, response: kioskSnapshotSchema },
  /** Checked by the server; the PIN goes no further than that request. */
  'staff.signIn': {
    request: z.strictObject({ staffNumber: staffNumberSchema, pin: staffPinSchema }),
    response: kioskSnapshotSchema,
  },
  /** When the server cannot be reached: a one-time offline code, checked against the stored verifiers. */
  'staff.signInOffline': {
    request: z.strictObject({ code: z.string().min(1).max(40) }),
    response: kioskSnapshotSchema,
  },
  /** An action the signed-in staff member confirmed on the staff panel. */
  'staff.act': { request: z.strictObject({ action: staffActionSchema }), response: kioskSnapshotSchema },
  /** A technician at the panel: the kiosk's diagnostics bundle, collected now. */
  'staff.diagnostics': { request: empty, response: staffDiagnosticsSchema },
  /**
   * A technician decommissions the kiosk: it waits for the outbox to drain (progress in the
   * panel's `decommission`), or with `force` (after a second confirmation) loses what is left.
   */
  'staff.decommission': { request: z.strictObject({ force: z.boolean() }), response: kioskSnapshotSchema },
  /** Stop waiting for the outbox; ignored once the server has been told. */
  'staff.decommissionCancel': { request: empty, response: kioskSnapshotSchema },
  /** A technician's new devices, from the staff panel's device chooser (refused to other roles and during a visit). */
  'staff.chooseDevices': {
    request: z.strictObject({ selection: deviceSelectionSchema }),
    response: kioskSnapshotSchema,
  },
  /** A technician opens the move to another housing unit: main asks the server for its units (the panel's `move`). */
  'staff.moveStart': { request: empty, response: kioskSnapshotSchema },
  /** The unit and place chosen: the server re-enrols the kiosk there, then main starts again. */
  'staff.move': {
    request: z.strictObject({ housingUnitId: housingUnitIdSchema, location: kioskLocationSchema }),
    response: kioskSnapshotSchema,
  },
  /** Back to the panel without moving; ignored once the server has been asked. */
  'staff.moveCancel': { request: empty, response: kioskSnapshotSchema },
  /** A technician's network and media check at the panel: main opens the echo room (the panel's `check`). */
  'staff.checkStart': { request: empty, response: kioskSnapshotSchema },
  /** What the renderer measured in the panel's test call; main judges, keeps and audits it. */
  'staff.checkReport': { request: mediaCheckMeasurementSchema, response: kioskSnapshotSchema },
  /** What the renderer measured in the console's network check (the `networkCheck` screen); main judges it and answers the server. */
  'kiosk.checkReport': { request: mediaCheckMeasurementSchema, response: kioskSnapshotSchema },
  /** Back to the panel from the check's results. */
  'staff.checkClose': { request: empty, response: kioskSnapshotSchema },
  /** Cancel sign-in, or sign out of the panel: nothing of the overlay stays on screen. */
  'staff.close': { request: empty, response: kioskSnapshotSchema },
  /**
   * First-boot setup's server step: check the address the technician typed. Answered at once with
   * the check under way (and its deadline); its result follows as `kiosk.state`.
   */
  'setup.checkServer': { request: z.strictObject({ address: serverAddressSchema }), response: kioskSnapshotSchema },
  /** Back to the address after a check's result. */
  'setup.retry': { request: empty, response: kioskSnapshotSchema },
  /** Keep the accepted server and go on to the next setup step; ignored unless a check accepted one. */
  'setup.continue': { request: empty, response: kioskSnapshotSchema },
  /** Placement: ask the server for its housing units again (after a failure). */
  'setup.loadUnits': { request: empty, response: kioskSnapshotSchema },
  /** Placement: enrol the kiosk in this unit at this place; the answer follows as a state event. */
  'setup.place': {
    request: z.strictObject({ housingUnitId: housingUnitIdSchema, location: kioskLocationSchema }),
    response: kioskSnapshotSchema,
  },
  /** The check step: another network and media check after a failed one. */
  'setup.retryCheck': { request: empty, response: kioskSnapshotSchema },
  /**
   * The check step: what the renderer measured in the test call through the echo room. Main judges
   * it; a pass finishes setup, a failure stays on the check step with its reason.
   */
  'setup.reportCheck': { request: mediaCheckMeasurementSchema, response: kioskSnapshotSchema },
  /**
   * Setup's devices step: the device for each role; stored by identity and setup goes on, or the
   * refusal is shown on the step.
   */
  'setup.chooseDevices': {
    request: z.strictObject({ selection: deviceSelectionSchema }),
    response: kioskSnapshotSchema,
  },
  /**
   * Setup's technician sign-in: staff number and PIN, checked by the server only (never stored).
   * Answered at once with the kiosk signing in; the outcome follows as a snapshot.
   */
  'setup.signInTechnician': {
    request: z.strictObject({ staffNumber: staffNumberSchema, pin: staffPinSchema }),
    response: kioskSnapshotSchema,
  },
  /**
   * Setup's sign-in with the facility's enrolment code instead of a technician, for sites that use
   * them; checked by the server only, never stored. The outcome follows as a snapshot.
   */
  'setup.signInWithCode': {
    request: setupCodeSignInRequestSchema,
    response: kioskSnapshotSchema,
  },
  /**
   * A key pressed on the page, forwarded by the preview host's renderer only (the Electron host sees
   * keys in main first), so a badge reader typing as a keyboard is noticed. `at` is the event's own
   * time stamp: only the gaps between keys matter, and they are measured where the keys arrive.
   */
  'input.key': {
    request: z.strictObject({ key: z.string().min(1).max(30), code: z.string().max(30), at: z.number().nonnegative() }),
    response: empty,
  },
} as const;

export const events = {
  'kiosk.state': kioskSnapshotSchema,
  'staffMessage.changed': z.strictObject({ message: staffMessageSchema.nullable() }),
  /** Staff reset the kiosk: the renderer loads afresh from main's snapshot. */
  'kiosk.reload': empty,
} as const;

export type RequestName = keyof typeof requests;
export type EventName = keyof typeof events;
export type RequestOf<N extends RequestName> = z.input<(typeof requests)[N]['request']>;
export type ResponseOf<N extends RequestName> = z.output<(typeof requests)[N]['response']>;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
