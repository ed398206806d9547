/** Quieter than this shows as nothing; speech at arm's length sits well above it. */
const floorDb = -60;

/**
 * How loud a block of samples (-1 to 1) is, from 0 to 1 for a meter. The scale is in decibels of
 * its RMS so that ordinary speech moves the bar well, not only shouting.
 */
export function levelOf(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  const db = rms > 0 ? 20 * Math.log10(rms) : floorDb;
  return Math.min(1, Math.max(0, (db - floorDb) / -floorDb));
}
