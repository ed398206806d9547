import { scrypt, timingSafeEqual } from 'node:crypto';
import { offlineCodeSchema, type OfflineCodeVerifier } from '../../shared/protocol/staff';

/**
 * The canonical form of a code as typed: upper case, groups of five joined by dashes, whatever
 * spacing or dashes the officer typed. Undefined when it cannot be a code at all.
 */
export function canonicalOfflineCode(typed: string): string | undefined {
  const letters = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const grouped = letters.match(/.{1,5}/g)?.join('-') ?? '';
  return offlineCodeSchema.safeParse(grouped).success ? grouped : undefined;
}

/**
 * Whether `code` (canonical form) is the one `verifier` was made from: scrypt with the verifier's own
 * salt and cost over the code's UTF-8 bytes, the output as long as the stored hash, compared in
 * constant time.
 */
export async function matchesVerifier(code: string, verifier: OfflineCodeVerifier): Promise<boolean> {
  const salt = Buffer.from(verifier.salt, 'base64url');
  const expected = Buffer.from(verifier.hash, 'base64url');
  const { n: N, r, p } = verifier;
  const derived = await new Promise<Buffer>((resolve, reject) =>
    // scrypt needs 128 * N * r bytes; the limit sits just above what the parameters ask for.
    scrypt(code, salt, expected.length, { N, r, p, maxmem: 128 * N * r + 1024 * 1024 }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    ),
  );
  return timingSafeEqual(derived, expected);
}

/** The first usable verifier the code matches, if any. Each try costs one scrypt per verifier. */
export async function findVerifier(
  typed: string,
  usable: readonly OfflineCodeVerifier[],
): Promise<OfflineCodeVerifier | undefined> {
  const code = canonicalOfflineCode(typed);
  if (code === undefined) return undefined;
  for (const verifier of usable) {
    if (await matchesVerifier(code, verifier)) return verifier;
  }
  return undefined;
}
