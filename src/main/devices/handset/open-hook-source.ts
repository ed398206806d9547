import type { Logger } from '../../log/logger';
import type { KeyStream } from '../../input/key-stream';
import type { HidAdapter } from './hid-adapter';
import { HandsetUnavailableError, openHidHookSource } from './hid-hook-source';
import type { HookSource } from './hook-source';
import type { HookSourceConfig } from './hook-source-config';
import { KeyboardHookSource } from './keyboard-hook-source';
import type { NodeHidLoad } from './node-hid-adapter';

export interface HookSourceDeps {
  /** Loads the HID adapter only when a HID handset is provisioned (`loadNodeHid` in the hosts). */
  loadHid: () => Promise<NodeHidLoad>;
  keys: KeyStream;
  log: Logger;
  /** How long a HID hook switch's new state must hold before it counts. */
  hidDebounceMs?: number;
}

/**
 * Opens the provisioned hook source: null for `none`. A HID handset that is missing, or a kiosk
 * without node-hid, throws `HandsetUnavailableError` with the reason; the device service reports
 * it and tries again on re-plug.
 */
export async function openHookSource(config: HookSourceConfig, deps: HookSourceDeps): Promise<HookSource | null> {
  switch (config.kind) {
    case 'none':
      return null;
    case 'keyboard':
      return new KeyboardHookSource(deps.keys, {
        liftKey: config.liftKey,
        hangUpKey: config.hangUpKey,
        onListenerError: (error) => deps.log.error({ err: error }, 'hook listener failed'),
      });
    case 'hid': {
      const loaded = await deps.loadHid();
      if (!loaded.ok) throw new HandsetUnavailableError(loaded.reason);
      return openHidOn(loaded.adapter, config, deps);
    }
  }
}

function openHidOn(
  adapter: HidAdapter,
  config: { vendorId: number; productId: number },
  deps: HookSourceDeps,
): Promise<HookSource> {
  return openHidHookSource(adapter, {
    vendorId: config.vendorId,
    productId: config.productId,
    log: deps.log,
    ...(deps.hidDebounceMs === undefined ? {} : { debounceMs: deps.hidDebounceMs }),
  });
}
