import { EventEmitter } from 'node:events';
import type { types as ms } from 'mediasoup';
import { describe, expect, it } from 'vitest';
import { pausedForWeakLink, watchWeakLink, type LayeredConsumer } from './weak-link';

// The judgement alone; mediasoup emits `layerschange` only with RTP flowing, which needs a browser.

class Consumer extends EventEmitter implements LayeredConsumer {
  paused = false;
  producerPaused = false;
  score = { producerScores: [10, 10, 10] };
  change(layers?: ms.ConsumerLayers): void {
    this.emit('layerschange', layers);
  }
}

const top: ms.ConsumerLayers = { spatialLayer: 2, temporalLayer: 2 };

describe('video paused for a weak connection', () => {
  it('is no layer forwarded while the sender sends and nothing is paused', () => {
    const consumer = new Consumer();
    expect(pausedForWeakLink(consumer, undefined)).toBe(true);
    expect(pausedForWeakLink(consumer, { spatialLayer: 0, temporalLayer: 0 })).toBe(false);
  });

  it('is not a consumer or producer paused on purpose, nor a sender that went quiet', () => {
    const paused = Object.assign(new Consumer(), { paused: true });
    const producerPaused = Object.assign(new Consumer(), { producerPaused: true });
    const quietSender = Object.assign(new Consumer(), { score: { producerScores: [0, 0, 0] } });
    for (const consumer of [paused, producerPaused, quietSender])
      expect(pausedForWeakLink(consumer, undefined)).toBe(false);
  });

  it('is told once when it pauses and once when it resumes, not at every layer change', () => {
    const consumer = new Consumer();
    const told: boolean[] = [];
    watchWeakLink(consumer, (paused) => told.push(paused));
    consumer.change(top);
    consumer.change({ spatialLayer: 0, temporalLayer: 0 });
    consumer.change(undefined);
    consumer.change(undefined);
    consumer.change({ spatialLayer: 0, temporalLayer: 1 });
    consumer.change(top);
    expect(told).toEqual([true, false]);
  });
});
