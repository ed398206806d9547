import type { HookSourceEvents } from './hook-source';

/** The listeners of one hook source; a listener that throws does not stop the others. */
export class HookEvents {
  private readonly listeners: { [E in keyof HookSourceEvents]: Set<HookSourceEvents[E]> } = {
    hook: new Set(),
    muteToggle: new Set(),
    gone: new Set(),
  };

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  on<E extends keyof HookSourceEvents>(event: E, listener: HookSourceEvents[E]): () => void {
    const set = this.listeners[event] as Set<HookSourceEvents[E]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends keyof HookSourceEvents>(event: E, ...args: Parameters<HookSourceEvents[E]>): void {
    for (const listener of [...(this.listeners[event] as Set<(...values: unknown[]) => void>)]) {
      try {
        listener(...args);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  clear(): void {
    for (const set of Object.values(this.listeners)) set.clear();
  }
}
