import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerTokenSchema } from '../../src/shared/protocol/common';
import { enrolRequestSchema } from '../../src/shared/protocol/http';
import { visitorCodeSchema } from '../../src/shared/protocol/visit';
import { hashPin, needsRehash, pinHashCost, verifyPin } from './pin-hash';
import { createTicketSigner } from './tickets';
import { newEnrolmentCode, newToken, newVisitorCode } from './tokens';

describe('PIN hashes', () => {
  it("are made at OWASP's scrypt recommendation by default, with a fresh salt each time", async () => {
    expect(pinHashCost).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const [first, second] = await Promise.all([hashPin('2468'), hashPin('2468')]);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPin('2468', first)).toBe(true);
    expect(await verifyPin('2469', first)).toBe(false);
    expect(needsRehash(first)).toBe(false);
  });

  it('say when they were made with other parameters', async () => {
    const older = await hashPin('2468', { N: 2 ** 10, r: 8, p: 1 });
    expect(await verifyPin('2468', older)).toBe(true);
    expect(needsRehash(older)).toBe(true);
    expect(needsRehash(older, { N: 2 ** 10, r: 8, p: 1 })).toBe(false);
  });

  it('never match a malformed stored hash, nor one asking for more memory than any PIN needs', async () => {
    expect(await verifyPin('2468', 'plain-2468')).toBe(false);
    expect(await verifyPin('2468', 'scrypt$16384$8$1$c2FsdA==$')).toBe(false);
    expect(await verifyPin('2468', 'scrypt$1073741824$8$1$c2FsdA==$c2FsdA==')).toBe(false);
    expect(await verifyPin('2468', 'scrypt$3$8$1$c2FsdA==$c2FsdA==')).toBe(false);
  });
});

describe('tokens and codes', () => {
  it('are in the shapes the protocol accepts', () => {
    expect(bearerTokenSchema.safeParse(newToken()).success).toBe(true);
    expect(visitorCodeSchema.safeParse(newVisitorCode()).success).toBe(true);
    expect(newVisitorCode()).not.toMatch(/[01IO]/);
    expect(newEnrolmentCode()).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){4}$/);
    expect(enrolRequestSchema.safeParse({ code: newEnrolmentCode() }).success).toBe(true);
  });
});

describe('media tickets', () => {
  const signer = createTicketSigner(randomBytes(32));
  const claims = { visitId: 'demo-now', kioskId: 'kiosk-abc', inmateId: '100234', exp: 2_000 };

  it('carry their claims until they expire', () => {
    const ticket = signer.sign(claims);
    expect(signer.verify(ticket, 1_999)).toEqual(claims);
    expect(signer.verify(ticket, 2_000)).toBeUndefined();
  });

  it('are refused when altered, truncated or signed with another key', () => {
    const ticket = signer.sign(claims);
    const [body, signature] = ticket.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...claims, visitId: 'demo-legal' })).toString('base64url');
    expect(signer.verify(`${forged}.${signature}`, 0)).toBeUndefined();
    expect(signer.verify(body, 0)).toBeUndefined();
    expect(signer.verify(`${ticket}.extra`, 0)).toBeUndefined();
    expect(createTicketSigner(randomBytes(32)).verify(ticket, 0)).toBeUndefined();
  });
});
