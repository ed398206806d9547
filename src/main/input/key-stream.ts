/**
 * Keys from USB keyboards that are not keyboards to a person: badge readers, and hook boards that
 * type a key when the handset is lifted or hung up. In the Electron host they come from
 * `before-input-event` (main sees them before the page does); in the preview host the renderer
 * forwards them over the contract. Consumers decide whether a key is theirs and whether it is
 * swallowed before the page sees it.
 */
export interface KeyPress {
  /** `KeyboardEvent.key`, e.g. `7`, `Enter`, `F9`. */
  key: string;
  /** `KeyboardEvent.code`, e.g. `Digit7`, `F9`. */
  code: string;
  /** Milliseconds on main's clock: a badge reader types far faster than a person. */
  at: number;
}

export interface KeyConsumer {
  /** True when the key is consumed here and must not reach the page. */
  consume(press: KeyPress): boolean;
}

export interface KeyStream {
  /** Consumers are asked in the order they were added; the first to consume a key ends its journey. */
  add(consumer: KeyConsumer): () => void;
}
