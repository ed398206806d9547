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

function readableCode(length: number): string {
  // 256 is a multiple of the alphabet's 32 letters, so every letter is equally likely.
  const chars = [...randomBytes(length)].map((byte) => codeAlphabet[byte % codeAlphabet.length]).join('');
  return (chars.match(/.{4}/g) ?? []).join('-');
}

/** A visit code for people to read and type: 12 characters without look-alikes, in groups of four. */
export function newVisitorCode(): string {
  return readableCode(12);
}

/**
 * An enrolment code: 20 characters of 32 (100 bits), the minimum strength of every code the
 * server issues; only the demo's, under `--demo`, is weaker.
 */
export function newEnrolmentCode(): string {
  return readableCode(20);
}
