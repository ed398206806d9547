import type { ReactNode } from 'react';
import type { PreloadedModule } from './preloaded-module';

const busyScreen = <main className="screen" aria-busy="true" />;

/** Draws a part of the renderer loaded apart once its code is here; until then `fallback` (an empty, busy screen). */
export function WhenLoaded<M>({
  module,
  render,
  fallback = busyScreen,
}: {
  module: PreloadedModule<M>;
  render: (loaded: M) => ReactNode;
  fallback?: ReactNode;
}) {
  const loaded = module.useModule();
  return loaded === undefined ? fallback : render(loaded);
}
