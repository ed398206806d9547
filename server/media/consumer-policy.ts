import type { types as ms } from 'mediasoup';

/**
 * How the SFU shares a receiver's bandwidth among what it forwards to it: sound first, then the
 * best video layer the receiver's estimate (transport-cc feedback) affords. mediasoup picks the
 * simulcast layer itself, per consumer, from that estimate, so a phone on a weak link gets a small
 * layer while the kiosk's picture to anyone else stays whole.
 */

/** mediasoup's highest: the bitrate is handed to consumers in priority order. */
export const audioConsumerPriority = 255;
/** The default; every video consumer shares what the audio leaves. */
export const videoConsumerPriority = 1;
/**
 * The top layer of `send-plan.ts` (spatial 2 of three, temporal 2 of L1T3): what mediasoup aims
 * for, and returns to by itself when the estimate recovers after dropping lower.
 */
export const highestLayers: ms.ConsumerLayers = { spatialLayer: 2, temporalLayer: 2 };

/**
 * Each transport's starting point for mediasoup's estimate towards the receiver: 1 Mbps carries the
 * sound and the 360p layer (500 kbps) at once, and mediasoup probes up to 720p within seconds on a
 * link that has it, while a weak link starts without a burst of 720p it would have to throw away.
 */
export const initialOutgoingBitrate = 1_000_000;
/**
 * What a sender may send the SFU: the three layers of the richer (sign-language) plan with sound and
 * headroom for retransmissions. mediasoup tells the sender its estimate never exceeds this, which
 * keeps one side from filling the server's uplink with more than the plan.
 */
export const maxIncomingBitrate = 3_500_000;

/** Applied to every consumer once created, before it is resumed. */
export async function prioritise(consumer: ms.Consumer): Promise<void> {
  if (consumer.kind === 'audio') {
    await consumer.setPriority(audioConsumerPriority);
    return;
  }
  await consumer.setPriority(videoConsumerPriority);
  // Only a simulcast or SVC consumer has layers; a single-stream sender (an H264-only device) has none.
  if (consumer.type === 'simulcast' || consumer.type === 'svc') await consumer.setPreferredLayers(highestLayers);
}
