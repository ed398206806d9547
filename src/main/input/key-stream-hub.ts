import type { KeyConsumer, KeyPress, KeyStream } from './key-stream';

/** The one key stream both hosts feed: `push` is what a producer calls for each key pressed. */
export class KeyStreamHub implements KeyStream {
  private readonly consumers: KeyConsumer[] = [];

  add(consumer: KeyConsumer): () => void {
    this.consumers.push(consumer);
    return () => {
      const at = this.consumers.indexOf(consumer);
      if (at >= 0) this.consumers.splice(at, 1);
    };
  }

  /** True when a consumer took the key, which must then not reach the page. */
  push(press: KeyPress): boolean {
    return this.consumers.some((consumer) => consumer.consume(press));
  }
}
