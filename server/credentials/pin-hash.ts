import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters; stored with each hash, so raising them leaves old hashes verifiable. */
export interface PinHashCost {
  N: number;
  r: number;
  p: number;
}

/**
 * PINs are short, so their hashes must be slow to guess offline: OWASP's scrypt recommendation
 * (2^17, 8, 1; 128 MiB per hash). Tests may pass a lower cost through the server's options,
 * never by default.
 */
export const pinHashCost: PinHashCost = { N: 2 ** 17, r: 8, p: 1 };
const keyLength = 32;
const maxCost: PinHashCost = { N: 2 ** 18, r: 8, p: 4 };

export async function hashPin(pin: string, cost: PinHashCost = pinHashCost): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(pin, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Compares in constant time; a malformed stored hash never matches. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (parsed === undefined) return false;
  const expected = Buffer.from(parsed.hash, 'base64');
  const actual = await derive(pin, Buffer.from(parsed.salt, 'base64'), parsed.cost).catch(() => undefined);
  return actual !== undefined && actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with other parameters than `cost` and should be made again at the next sign-in. */
export function needsRehash(stored: string, cost: PinHashCost = pinHashCost): boolean {
  const parsed = parse(stored);
  return parsed === undefined || parsed.cost.N !== cost.N || parsed.cost.r !== cost.r || parsed.cost.p !== cost.p;
}

const decoys = new Map<string, Promise<string>>();

/** A real hash to verify against when the inmate ID is unknown, so a miss takes as long as a wrong PIN. */
export function decoyPinHash(cost: PinHashCost = pinHashCost): Promise<string> {
  const key = `${cost.N}$${cost.r}$${cost.p}`;
  let decoy = decoys.get(key);
  if (decoy === undefined) {
    decoy = hashPin(randomBytes(8).toString('hex'), cost);
    decoys.set(key, decoy);
  }
  return decoy;
}

function parse(stored: string): { cost: PinHashCost; salt: string; hash: string } | undefined {
  const [scheme, n, r, p, salt, hash, extra] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined || extra !== undefined) return undefined;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const within = (value: number, max: number): boolean => Number.isSafeInteger(value) && value > 0 && value <= max;
  // Bounded so that no stored value, however it got there, can ask for gigabytes.
  return within(cost.N, maxCost.N) && within(cost.r, maxCost.r) && within(cost.p, maxCost.p)
    ? { cost, salt, hash }
    : undefined;
}

function derive(secret: string, salt: Buffer, cost: PinHashCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; the limit sits just above what the parameters ask for.
    const maxmem = 128 * cost.N * cost.r + 1024 * 1024;
    scrypt(secret, salt, keyLength, { ...cost, maxmem }, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}
