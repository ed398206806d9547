import { z } from 'zod';
import {
  appInfoSchema,
  callEndReasonSchema,
  kioskSnapshotSchema,
  rendererErrorSchema,
  staffMessageSchema,
} from './kiosk';
import { inmateIdSchema, pinSchema, visitIdSchema } from '../protocol/common';

const empty = z.strictObject({});

/**
 * Every request the renderer may make of main, and every event main may send it.
 * Nothing else crosses the boundary: a channel missing here is refused by both hosts.
 */
export const requests = {
  'app.getInfo': { request: empty, response: appInfoSchema },
  'kiosk.getState': { request: empty, response: kioskSnapshotSchema },
  'kiosk.begin': { request: empty, response: kioskSnapshotSchema },
  'kiosk.cancel': { request: empty, response: kioskSnapshotSchema },
  'session.signIn': {
    request: z.strictObject({ inmateId: inmateIdSchema, pin: pinSchema }),
    response: kioskSnapshotSchema,
  },
  'session.signOut': { request: empty, response: kioskSnapshotSchema },
  'visit.start': { request: z.strictObject({ visitId: visitIdSchema }), response: kioskSnapshotSchema },
  'visit.end': {
    request: z.strictObject({ visitId: visitIdSchema, reason: callEndReasonSchema }),
    response: kioskSnapshotSchema,
  },
  'staffMessage.get': { request: empty, response: z.strictObject({ message: staffMessageSchema.nullable() }) },
  'staffMessage.dismiss': { request: z.strictObject({ id: z.uuid() }), response: empty },
  'diagnostics.reportRendererError': { request: rendererErrorSchema, response: empty },
} as const;

export const events = {
  'kiosk.state': kioskSnapshotSchema,
  'staffMessage.changed': z.strictObject({ message: staffMessageSchema.nullable() }),
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
