import type { RuntimeConfig } from './config/runtime-config';
import { openControlLink, type ControlLink } from './link/control-link';
import { resolveServerIdentity } from './link/provisioning';
import { createVisitationClient } from './link/visitation-client';
import type { Logger } from './log/logger';
import { createMainServices, type MainServices } from './services';
import { openStore, type Store } from './store/store';
import type { HostKind } from '../shared/contract/kiosk';

export interface KioskRuntime {
  readonly services: MainServices;
  readonly store: Store;
  readonly link: ControlLink | undefined;
  close(): void;
}

export interface KioskRuntimeOptions {
  host: HostKind;
  dataDir: string;
  config: RuntimeConfig;
  appName: string;
  version: string;
  log: Logger;
}

/**
 * Everything main runs, the same under both hosts: the store, the control channel to the server
 * and the services the renderer talks to. A host adds only a window or an HTTP server.
 */
export async function startKioskRuntime(options: KioskRuntimeOptions): Promise<KioskRuntime> {
  const { log, config } = options;
  const store = openStore({ dir: options.dataDir, log });
  const identity = await resolveServerIdentity(
    store.config,
    { serverUrl: config.serverUrl, enrolmentCode: config.enrolmentCode },
    log,
  );
  const link = identity === undefined ? undefined : openControlLink(identity.serverUrl, identity.token, log);
  const services = createMainServices({
    host: options.host,
    appName: options.appName,
    version: options.version,
    log,
    ...(link === undefined ? {} : { visitation: createVisitationClient(link, log) }),
  });
  return {
    services,
    store,
    link,
    close: () => {
      link?.close();
      store.close();
    },
  };
}
