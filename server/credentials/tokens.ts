import { createHash, randomBytes } from 'node:crypto';

/** A bearer token: 32 random bytes, base64url (the shape `bearerTokenSchema` accepts). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the database keeps of a high-entropy secret (token, visit code, enrolment code): looking a
 * digest up needs no slow hash, and a leaked table yields nothing to present.
 */
export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A visit code for people to read and type: 12 characters without look-alikes, in groups of four. */
export function newVisitorCode(): string {
  const chars = [...randomBytes(12)].map((byte) => codeAlphabet[byte % codeAlphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}
