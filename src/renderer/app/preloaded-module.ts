import { useEffect, useSyncExternalStore } from 'react';

/** Between tries of a module that failed to load (the host restarting, say). */
const retryMs = 1000;

export interface PreloadedModule<M> {
  /** Starts loading it, if it is not here or on its way. */
  load(): void;
  /** The module, or undefined until it is here; the component renders again when it arrives. */
  useModule(): M | undefined;
}

/**
 * A part of the renderer loaded apart from the rest, and ahead of need. Unlike `React.lazy`, a
 * module already here renders at once: `lazy` suspends on its first render even then, and React
 * holds a suspended screen's reveal for its fallback throttle (300 ms), which the person waits through.
 */
export function preloadedModule<M>(importModule: () => Promise<M>): PreloadedModule<M> {
  let loaded: M | undefined;
  let loading = false;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  const load = (): void => {
    if (loaded !== undefined || loading) return;
    loading = true;
    importModule().then(
      (module) => {
        loaded = module;
        for (const listener of listeners) listener();
      },
      (error: unknown) => {
        loading = false;
        console.error('loading a part of the kiosk failed; trying again', error);
        setTimeout(() => {
          if (listeners.size > 0) load();
        }, retryMs);
      },
    );
  };
  return {
    load,
    useModule() {
      const module = useSyncExternalStore(subscribe, () => loaded);
      useEffect(load, []);
      return module;
    },
  };
}
