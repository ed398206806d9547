import type { KeyPress, KeyStream } from '../../input/key-stream';
import { HookEvents } from './hook-events';
import type { HandsetLeds, HookSource, HookSourceEvents } from './hook-source';

export interface KeyboardHookOptions {
  /** The key the hook board types on lift: a `KeyboardEvent.code` or `.key` (`F9`, `KeyL`, `l`). */
  liftKey: string;
  /** The key it types on hang-up; the same as `liftKey` for a board with one toggling key. */
  hangUpKey: string;
  /** A toggling key typed again within this long is the board's contact bouncing, not a new press. */
  debounceMs?: number;
  onListenerError: (error: unknown) => void;
}

export const DEFAULT_KEY_DEBOUNCE_MS = 250;

/**
 * The hook source of a hook board wired as a USB keyboard. Its keys are swallowed, so the page
 * never sees them; any other key passes on to the next consumer.
 */
export class KeyboardHookSource implements HookSource {
  readonly kind = 'keyboard' as const;
  private state: boolean | null = null;
  private lastToggleAt = -Infinity;
  private readonly events: HookEvents;
  private readonly remove: () => void;

  constructor(
    keys: KeyStream,
    private readonly options: KeyboardHookOptions,
  ) {
    this.events = new HookEvents(options.onListenerError);
    this.remove = keys.add({ consume: (press) => this.consume(press) });
  }

  get offHook(): boolean | null {
    return this.state;
  }

  on<E extends keyof HookSourceEvents>(event: E, listener: HookSourceEvents[E]): () => void {
    return this.events.on(event, listener);
  }

  /** A keyboard has no LEDs the kiosk could drive. */
  setLeds(_leds: HandsetLeds): void {}

  close(): void {
    this.remove();
    this.events.clear();
  }

  private consume(press: KeyPress): boolean {
    const { liftKey, hangUpKey } = this.options;
    const isLift = matches(press, liftKey);
    const isHangUp = matches(press, hangUpKey);
    if (!isLift && !isHangUp) return false;
    if (isLift && isHangUp) {
      if (press.at - this.lastToggleAt < (this.options.debounceMs ?? DEFAULT_KEY_DEBOUNCE_MS)) return true;
      this.lastToggleAt = press.at;
      // With one toggling key the first press is taken as a lift from rest.
      this.set(!(this.state ?? false));
    } else {
      this.set(isLift);
    }
    return true;
  }

  private set(offHook: boolean): void {
    if (offHook === this.state) return;
    this.state = offHook;
    this.events.emit('hook', offHook);
  }
}

function matches(press: KeyPress, key: string): boolean {
  return press.code === key || press.key === key;
}
