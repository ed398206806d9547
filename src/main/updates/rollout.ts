import { createHash } from 'node:crypto';
import type { UpdateFeed } from '../../shared/protocol/updates';

/**
 * This kiosk's place (0 to just under 100) in a version's staged rollout: the same kiosk always gets
 * the same place for a version, so raising the percentage only adds kiosks, and a different version
 * reshuffles which kiosks go first.
 */
export function rolloutBucket(kioskId: string, version: string): number {
  const digest = createHash('sha256').update(`${kioskId}\n${version}`).digest();
  return (digest.readUInt32BE(0) / 0x1_0000_0000) * 100;
}

export function inStagedRollout(kioskId: string, feed: Pick<UpdateFeed, 'version' | 'stagingPercentage'>): boolean {
  return rolloutBucket(kioskId, feed.version) < (feed.stagingPercentage ?? 100);
}

/** Semantic-version order: a release sorts after its own pre-releases (1.2.0-pilot.1 < 1.2.0). */
export function compareVersions(a: string, b: string): number {
  const [coreA = '', preA] = splitVersion(a);
  const [coreB = '', preB] = splitVersion(b);
  const numbersA = coreA.split('.').map(Number);
  const numbersB = coreB.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    const diff = (numbersA[i] ?? 0) - (numbersB[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  if (preA === preB) return 0;
  if (preA === undefined) return 1;
  if (preB === undefined) return -1;
  return comparePrerelease(preA.split('.'), preB.split('.'));
}

function splitVersion(version: string): [string, string | undefined] {
  const dash = version.indexOf('-');
  return dash === -1 ? [version, undefined] : [version.slice(0, dash), version.slice(dash + 1)];
}

function comparePrerelease(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    const diff = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}
