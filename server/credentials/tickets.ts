import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { inmateIdSchema, kioskIdSchema, visitIdSchema } from '../../src/shared/protocol/common';

/**
 * Media tickets: what `visit.join` hands a kiosk so its renderer can enter the visit's room. Signed
 * (HMAC-SHA256 with a key kept in the database) rather than stored, so the media namespace checks
 * them without a lookup, and they survive a server restart while they last.
 */
export const ticketClaimsSchema = z.strictObject({
  visitId: visitIdSchema,
  kioskId: kioskIdSchema,
  inmateId: inmateIdSchema,
  /** Expiry, milliseconds since the epoch. */
  exp: z.number().int().positive(),
});
export type TicketClaims = z.infer<typeof ticketClaimsSchema>;

/**
 * A media check's ticket (`mediaCheck.open`): it lets the kiosk into its own echo room and nowhere
 * else. Its `purpose` keeps it apart from a visit ticket signed with the same key: neither parses as
 * the other.
 */
export const checkTicketClaimsSchema = z.strictObject({
  purpose: z.literal('media_check'),
  checkId: visitIdSchema,
  kioskId: kioskIdSchema,
  exp: z.number().int().positive(),
});
export type CheckTicketClaims = z.infer<typeof checkTicketClaimsSchema>;

export interface Signer<Claims> {
  sign(claims: Claims): string;
  /** The claims of a genuine, unexpired ticket; undefined for anything else. */
  verify(ticket: string, now: number): Claims | undefined;
}

export type TicketSigner = Signer<TicketClaims>;
export type CheckTicketSigner = Signer<CheckTicketClaims>;

export function createTicketSigner(key: Buffer): TicketSigner {
  return createSigner(key, ticketClaimsSchema);
}

export function createCheckTicketSigner(key: Buffer): CheckTicketSigner {
  return createSigner(key, checkTicketClaimsSchema);
}

function createSigner<Claims extends { exp: number }>(key: Buffer, schema: z.ZodType<Claims>): Signer<Claims> {
  const mac = (body: string): Buffer => createHmac('sha256', key).update(body).digest();
  return {
    sign(claims) {
      const body = Buffer.from(JSON.stringify(schema.parse(claims))).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    verify(ticket, now) {
      const [body, signature, extra] = ticket.split('.');
      if (body === undefined || signature === undefined || extra !== undefined) return undefined;
      // Compared as text: decoding would skip stray characters, so a changed ticket would still pass.
      const given = Buffer.from(signature);
      const expected = Buffer.from(mac(body).toString('base64url'));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return undefined;
      }
      const claims = schema.safeParse(json);
      return claims.success && claims.data.exp > now ? claims.data : undefined;
    },
  };
}
