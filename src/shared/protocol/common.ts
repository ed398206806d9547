import { z } from 'zod';

/** Formats the server, kiosk and visitor page agree on, in one place so limits cannot drift. */

export const isoTimeSchema = z.iso.datetime({ offset: true });

/** 32 random bytes in base64url: kiosk tokens and inmate session tokens. */
export const bearerTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a token');

export const kioskIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/);
export const housingUnitIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
export const inmateIdSchema = z.string().regex(/^\d{4,12}$/, 'an inmate ID is 4 to 12 digits');
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'a PIN is 4 to 8 digits');
export const visitIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
export const peerIdSchema = z.uuid();
export const displayNameSchema = z.string().min(1).max(80);

/** Which of the two hosts runs the kiosk's main: the Electron app, or the preview host for a browser. */
export const hostKindSchema = z.enum(['electron', 'preview']);
export type HostKind = z.infer<typeof hostKindSchema>;
