import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerTokenSchema } from '../../src/shared/protocol/common';
import { visitorCodeSchema } from '../../src/shared/protocol/visit';
import { hashPin, verifyPin } from './pin-hash';
import { createTicketSigner } from './tickets';
import { newToken, newVisitorCode } from './tokens';

describe('PIN hashes', () => {
  it('verify the PIN they were made from, with a fresh salt each time', async () => {
    const [first, second] = await Promise.all([hashPin('2468'), hashPin('2468')]);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPin('2468', first)).toBe(true);
    expect(await verifyPin('2469', first)).toBe(false);
  });

  it('never match a malformed stored hash', async () => {
    expect(await verifyPin('2468', 'plain-2468')).toBe(false);
    expect(await verifyPin('2468', 'scrypt$16384$8$1$c2FsdA==$')).toBe(false);
  });
});

describe('tokens and codes', () => {
  it('are in the shapes the protocol accepts', () => {
    expect(bearerTokenSchema.safeParse(newToken()).success).toBe(true);
    expect(visitorCodeSchema.safeParse(newVisitorCode()).success).toBe(true);
    expect(newVisitorCode()).not.toMatch(/[01IO]/);
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
