import type { HandsetLeds, HookSource, HookSourceEvents } from './hook-source';

type Listeners = { [E in keyof HookSourceEvents]: Set<HookSourceEvents[E]> };

/**
 * A handset with no hardware behind it, for the preview host and the tests: `lift`, `hangUp`,
 * `pressMute` and `unplug` do what a person or a USB cable would, and the LEDs it was last told to
 * show can be read back. Starts on the hook, as a handset in its cradle.
 */
export class SimulatedHookSource implements HookSource {
  readonly kind = 'simulated' as const;
  #offHook: boolean | null = false;
  #leds: HandsetLeds = { offHook: false, ring: false, mute: false };
  #closed = false;
  readonly #listeners: Listeners = { hook: new Set(), muteToggle: new Set(), gone: new Set() };

  get offHook(): boolean | null {
    return this.#offHook;
  }

  get leds(): HandsetLeds {
    return this.#leds;
  }

  get closed(): boolean {
    return this.#closed;
  }

  on<E extends keyof HookSourceEvents>(event: E, listener: HookSourceEvents[E]): () => void {
    const set = this.#listeners[event] as Set<HookSourceEvents[E]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  setLeds(leds: HandsetLeds): void {
    if (!this.#closed) this.#leds = { ...leds };
  }

  lift(): void {
    this.#setHook(true);
  }

  hangUp(): void {
    this.#setHook(false);
  }

  pressMute(): void {
    if (this.#closed) return;
    for (const listener of this.#listeners.muteToggle) listener();
  }

  /** As a cable pulled out: the source says it is gone, and nothing more. */
  unplug(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#offHook = null;
    for (const listener of this.#listeners.gone) listener('unplugged');
  }

  close(): void {
    this.#closed = true;
  }

  #setHook(offHook: boolean): void {
    if (this.#closed || this.#offHook === offHook) return;
    this.#offHook = offHook;
    for (const listener of this.#listeners.hook) listener(offHook);
  }
}
