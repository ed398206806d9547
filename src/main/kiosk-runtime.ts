import type { RuntimeConfig } from './config/runtime-config';
import { resumeInterruptedVisit } from './kiosk/call-resumption';
import { handleCommands } from './link/commands';
import { openControlLink, type ControlLink } from './link/control-link';
import { sendOutboxOverLink } from './link/outbox-sender';
import { heartbeatIntervalMs, startHeartbeat } from './link/heartbeat';
import { syncOfflineCodes } from './link/offline-code-sync';
import { resolveServerIdentity } from './link/provisioning';
import { ServerClock } from './link/server-clock';
import { createVisitationClient } from './link/visitation-client';
import type { Logger } from './log/logger';
import { createMainServices, type MainServices } from './services';
import { staffSignInOverLink } from './staff/staff-sign-in';
import { OutboxDelivery } from './store/outbox-delivery';
import { openStore, type Store } from './store/store';
import { systemTimer } from './store/timer';
import type { KioskStatus } from '../shared/protocol/control';
import type { HostKind } from '../shared/contract/kiosk';

export interface KioskRuntime {
  readonly services: MainServices;
  readonly store: Store;
  readonly link: ControlLink | undefined;
  readonly clock: ServerClock;
  close(): Promise<void>;
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
 * (heartbeat, commands, outbox delivery) and the services the renderer talks to. A host adds only a
 * window or an HTTP server; none of this depends on a renderer being alive.
 */
export async function startKioskRuntime(options: KioskRuntimeOptions): Promise<KioskRuntime> {
  const { log, config } = options;
  const clock = new ServerClock();
  const store = openStore({ dir: options.dataDir, log, serverNow: () => clock.now() });
  const identity = await resolveServerIdentity(
    store.config,
    { serverUrl: config.serverUrl, enrolmentCode: config.enrolmentCode, allowPlainHttp: config.allowPlainHttp },
    log,
  );
  const link = identity === undefined ? undefined : openControlLink(identity.serverUrl, identity.token, log);
  const visitation = link === undefined ? undefined : createVisitationClient(link, log, () => clock.now());
  const services = createMainServices({
    host: options.host,
    appName: options.appName,
    version: options.version,
    log,
    now: () => clock.now(),
    settings: { idleTimeoutSeconds: config.idleTimeoutSeconds, callWarningSeconds: config.callWarningSeconds },
    store,
    ...(link === undefined
      ? {}
      : {
          staffSignIn: {
            authenticator: staffSignInOverLink(link, log, () => clock.now()),
            reachable: () => link.connected,
          },
        }),
    ...(visitation === undefined
      ? {}
      : {
          visitation: {
            service: visitation,
            ledger: store.ledger,
            enqueue: (type, payload) => store.outbox.enqueue(type, payload),
          },
        }),
  });
  const resumption = resumeInterruptedVisit({
    ledger: store.ledger,
    enqueue: (type, payload) => store.outbox.enqueue(type, payload),
    serverNow: () => clock.now(),
    service: visitation,
    machine: services.kiosk,
    whenConnected: (timeoutMs) => (link === undefined ? Promise.resolve(false) : whenConnected(link, timeoutMs)),
    maxAbsentSeconds: config.resumeWithinSeconds,
    log,
  }).catch((error: unknown) => log.error({ err: error }, 'could not resume or close an interrupted visit'));
  if (link === undefined) {
    await resumption;
    return { services, store, link, clock, close: async () => store.close() };
  }

  const status = (): KioskStatus => {
    const snapshot = services.view.snapshot();
    const visit = services.kiosk.visitInProgress();
    return {
      appVersion: options.version,
      uptimeSeconds: Math.floor(process.uptime()),
      screen: snapshot.screen,
      visitId: snapshot.screen === 'call' ? snapshot.visit.visitId : null,
      outboxPending: store.outbox.status().pending,
      devices: {},
      service: services.service.current(),
      visitState: visit?.state ?? null,
    };
  };
  const stopHeartbeat = startHeartbeat({ link, clock, status, intervalMs: heartbeatIntervalMs, log });
  const stopCommands = handleCommands(link, { actions: services.actions, commands: store.staff });
  const stopCodeSync = syncOfflineCodes(link, store.staff, log);
  const delivery = new OutboxDelivery({
    outbox: store.outbox,
    send: sendOutboxOverLink(link),
    now: Date.now,
    timer: systemTimer,
    log,
  });
  delivery.start();
  const stopKicking = link.onConnect(() => delivery.kick());

  return {
    services,
    store,
    link,
    clock,
    close: async () => {
      services.kiosk.close();
      stopKicking();
      await resumption;
      stopHeartbeat();
      stopCommands();
      stopCodeSync();
      await delivery.stop();
      link.close();
      store.close();
    },
  };
}

/** True once the link is connected, false if it was not within `timeoutMs`. */
function whenConnected(link: ControlLink, timeoutMs: number): Promise<boolean> {
  if (link.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop();
      resolve(false);
    }, timeoutMs);
    const stop = link.onConnect(() => {
      clearTimeout(timer);
      stop();
      resolve(true);
    });
  });
}
