import type { types as ms } from 'mediasoup';

/** The parts of a mediasoup video consumer the judgement reads. */
export interface LayeredConsumer {
  readonly paused: boolean;
  readonly producerPaused: boolean;
  readonly score: { producerScores: number[] };
  on(event: 'layerschange', listener: (layers?: ms.ConsumerLayers) => void): unknown;
}

/**
 * Whether the SFU forwards no layer of the video because the receiver's link cannot afford even the
 * lowest one: not because the consumer or its producer is paused, and not because the sender's own
 * streams went quiet (every producer score 0), which is the sender's connection, reported elsewhere.
 */
export function pausedForWeakLink(consumer: LayeredConsumer, layers: ms.ConsumerLayers | undefined): boolean {
  return (
    layers === undefined &&
    !consumer.paused &&
    !consumer.producerPaused &&
    consumer.score.producerScores.some((score) => score > 0)
  );
}

/** Calls `onChange` each time the consumer's video pauses for a weak link, or resumes after one. */
export function watchWeakLink(consumer: LayeredConsumer, onChange: (paused: boolean) => void): void {
  let paused = false;
  consumer.on('layerschange', (layers) => {
    const now = pausedForWeakLink(consumer, layers);
    if (now === paused) return;
    paused = now;
    onChange(now);
  });
}
