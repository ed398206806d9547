import type { RuntimeConfig } from './config/runtime-config';
import { reportDeviceFaults } from './devices/device-faults';
import { heartbeatDevices } from './devices/device-health';
import { defaultRolePatterns } from './devices/default-rule';
import { DeviceService } from './devices/device-service';
import type { HookSource } from './devices/handset/hook-source';
import { keepHookSourceOpen } from './devices/handset/hook-source-keeper';
import { loadNodeHid } from './devices/handset/node-hid-adapter';
import { openHookSource } from './devices/handset/open-hook-source';
import { resumeInterruptedVisit } from './kiosk/call-resumption';
import { LastInmateError } from './kiosk/inmate-errors';
import { todayFigures } from './kiosk/today-figures';
import { handleCommands } from './link/commands';
import { decommissionOverLink } from './link/decommission-request';
import { mediaCheckOverLink } from './link/media-check-request';
import { moveOverLink } from './link/move-request';
import { answerDiagnosticsRequests } from './link/diagnostics-requests';
import { answerMediaCheckRuns } from './link/media-check-run-request';
import { openControlLink, type ControlLink } from './link/control-link';
import { sendOutboxOverLink } from './link/outbox-sender';
import { heartbeatIntervalMs, startHeartbeat } from './link/heartbeat';
import { syncOfflineCodes } from './link/offline-code-sync';
import { resolveServerIdentity, serverNotSecure } from './link/provisioning';
import { ServerClock } from './link/server-clock';
import { removeLogFiles } from './log/remove-logs';
import { keptAfterDecommission } from './staff/decommission-plan';
import { createVisitationClient } from './link/visitation-client';
import { logFolder, type Logger } from './log/logger';
import { checkServer, serverCheckTimeoutMs } from './provisioning/server-check';
import { readProvisioningFile } from './provisioning/provisioning-file';
import { createSetupApi } from './provisioning/setup-api';
import { openMediaCheckRoom } from './provisioning/media-check-room';
import { SetupFlow } from './provisioning/setup-flow';
import { setupStepAtStart } from './provisioning/setup-step';
import { createMainServices, type MainServices } from './services';
import { staffSignInOverLink } from './staff/staff-sign-in';
import { OutboxDelivery } from './store/outbox-delivery';
import { openStore, type Store } from './store/store';
import { systemTimer } from './store/timer';
import { latestSchemaVersion } from './store/migrations';
import type { HostReboot } from './supervisor/logind-reboot';
import { rebootOnRequest } from './supervisor/reboot-on-request';
import { runUpdates, type RunningUpdates } from './updates/run-updates';
import { defaultUpdatePolicy } from './updates/update-machine';
import type { UpdateInstaller } from './updates/update-service';
import type { KioskStatus } from '../shared/protocol/kiosk-status';
import type { HostKind } from '../shared/protocol/common';

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
  /**
   * A hook switch the host already has (the preview's simulated one). Without it the runtime opens
   * the provisioned one (HID or key board) and keeps it open across unplugging.
   */
  hookSource?: HookSource;
  /**
   * How the host restarts main: close cleanly and exit so its supervisor starts it again. Called
   * a moment after a `restart_app` was answered, so the answer reaches the server first.
   */
  restartApp?: () => void;
  /**
   * How the host reboots the computer (systemd-logind on a Linux kiosk); without it, or where the OS
   * session does not permit it, staff's `reboot` is refused `not_supported`.
   */
  hostReboot?: HostReboot;
  /** How the host installs an update and rolls one back; a host without one (the preview) takes no updates. */
  updateInstaller?: UpdateInstaller;
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
  // Asked of logind while the server's identity resolves, so the start waits for neither twice.
  const rebootAsked =
    options.hostReboot === undefined
      ? Promise.resolve(undefined)
      : rebootOnRequest({ host: options.hostReboot, audit: store.audit, log });
  const provisioning = {
    serverUrl: config.serverUrl,
    enrolmentCode: config.enrolmentCode,
    allowPlainHttp: config.allowPlainHttp,
  };
  const setupStep = setupStepAtStart(store.config, {
    environmentServerUrl: config.serverUrl,
    unprovisioned: config.unprovisioned,
  });
  const handsetLabel = config.handsetAudioLabel;
  const devices = new DeviceService({
    patterns:
      handsetLabel === undefined
        ? defaultRolePatterns
        : { ...defaultRolePatterns, handsetMicrophone: handsetLabel, handsetSpeaker: handsetLabel },
    choices: {
      read: () => store.config.get('deviceChoices') ?? {},
      write: (choices) => store.config.set({ deviceChoices: choices }),
    },
    log,
  });
  // A kiosk being set up talks to no server until setup has enrolled it.
  const identity = setupStep === null ? await resolveServerIdentity(store.config, provisioning, log) : undefined;
  // Bound once the services (which own the renderer's events) exist.
  const renderer = { reload: () => {} };
  const setup =
    setupStep === null
      ? undefined
      : new SetupFlow({
          config: store.config,
          step: setupStep,
          checkServer: (address, expectedFingerprint) =>
            checkServer(address, { allowPlainHttp: config.allowPlainHttp, expectedFingerprint }),
          provisioningFile: readProvisioningFile(config.provisioningDir, store.config.get('provisioningFileHash')),
          setupApi: (serverUrl) => createSetupApi(serverUrl),
          devices,
          checkTimeoutMs: serverCheckTimeoutMs,
          openMediaCheck: (serverUrl, token) => openMediaCheckRoom(serverUrl, token, log),
          now: Date.now,
          audit: store.audit,
          atomically: (work) => store.atomically(work),
          // The control link and all that runs on it start with the runtime: a fresh start brings the
          // newly enrolled kiosk into service, after the technician has read where it now belongs.
          reloadRenderer: () => renderer.reload(),
          onProvisioned: () => {
            if (options.restartApp === undefined) {
              log.warn('setup done: this host cannot restart itself; start the kiosk again to bring it into service');
              return;
            }
            setTimeout(options.restartApp, provisionedRestartMs);
          },
          log,
        });
  if (setupStep !== null) log.info({ step: setupStep }, 'not provisioned: first-boot setup');
  const link = identity === undefined ? undefined : openControlLink(identity.serverUrl, identity.token, log);
  const visitation = link === undefined ? undefined : createVisitationClient(link, log, () => clock.now());
  const stopFaultReports = reportDeviceFaults(devices, {
    enqueue: (type, payload) => store.outbox.enqueue(type, payload),
    audit: (entry) => store.audit.record(entry),
    now: () => clock.now(),
  });
  const hookSource = store.config.get('hookSource') ?? config.hookSource ?? { kind: 'none' };
  // A kiosk with a hook switch and no word on it uses the handset when lifted and the cabinet otherwise.
  const hasHandset = options.hookSource !== undefined || hookSource.kind !== 'none';
  const reboot = await rebootAsked;
  const wipeKiosk = async (): Promise<void> => {
    store.wipe(keptAfterDecommission);
    await removeLogFiles(logFolder(options.dataDir));
  };
  const services = createMainServices({
    devices,
    ...(options.hookSource === undefined ? {} : { hookSource: options.hookSource }),
    ...(options.restartApp === undefined ? {} : { restartApp: afterAnswerSent(options.restartApp) }),
    ...(reboot === undefined ? {} : { reboot: afterAnswerSent(reboot) }),
    host: options.host,
    diagnosticsDirs: { dataDir: options.dataDir, logDir: logFolder(options.dataDir) },
    appName: options.appName,
    version: options.version,
    log,
    now: () => clock.now(),
    ...(config.cameraPosition === undefined ? {} : { cameraPosition: config.cameraPosition }),
    settings: {
      idleTimeoutSeconds: config.idleTimeoutSeconds,
      callWarningSeconds: config.callWarningSeconds,
      handset: config.handset ?? (hasHandset ? 'optional' : undefined),
      handsetHangUpSeconds: config.handsetHangUpSeconds,
    },
    store,
    ...(setup === undefined ? {} : { setup }),
    ...(link === undefined
      ? {
          // No server to record a decommission first: the panel says so, and nothing is wiped.
          decommission: {
            tellServer: () => Promise.resolve('unreachable'),
            serverReachable: () => false,
            wipe: wipeKiosk,
          },
        }
      : {
          staffSignIn: {
            authenticator: staffSignInOverLink(link, log, () => clock.now()),
            reachable: () => link.connected,
          },
          move: { server: moveOverLink(link, log), serverReachable: () => link.connected },
          mediaCheck: { openRoom: mediaCheckOverLink(link, log), serverUrl: () => identity?.serverUrl },
          decommission: {
            tellServer: decommissionOverLink(link, log),
            serverReachable: () => link.connected,
            // Delivery stops first, so no answer for a record settles into a wiped outbox.
            wipe: async () => {
              await delivery.stop();
              await wipeKiosk();
            },
          },
        }),
    ...(visitation === undefined
      ? { serverNotSecure: serverNotSecure(store.config, provisioning) }
      : {
          visitation: {
            service: visitation,
            ledger: store.ledger,
            enqueue: (type, payload) => store.outbox.enqueue(type, payload),
          },
        }),
  });
  renderer.reload = () => services.events.emit('kiosk.reload', {});
  const stopHookSource =
    options.hookSource !== undefined || hookSource.kind === 'none'
      ? () => {}
      : keepHookSourceOpen({
          open: () => openHookSource(hookSource, { loadHid: loadNodeHid, keys: services.keys, log }),
          attach: (source) => services.handset.attach(source),
          timer: systemTimer,
          log,
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
    return {
      services,
      store,
      link,
      clock,
      close: async () => {
        stopFaultReports();
        stopHookSource();
        services.handset.close();
        store.close();
      },
    };
  }

  const kioskId = store.config.get('kioskId');
  const updates: RunningUpdates | undefined =
    options.updateInstaller === undefined || kioskId === undefined || identity === undefined
      ? undefined
      : await runUpdates({
          dataDir: options.dataDir,
          version: options.version,
          schemaVersion: latestSchemaVersion,
          storeFloor: store.schemaFloor,
          kioskId,
          source: () => identity,
          installer: options.updateInstaller,
          snapshot: () => services.view.snapshot(),
          subscribe: (listener) => services.view.subscribe(listener),
          visitInProgress: () => services.kiosk.visitInProgress() !== null,
          bytesPerSecond: config.updateBytesPerSecond,
          policy: { ...defaultUpdatePolicy, idleBeforeInstallMs: config.updateIdleSeconds * 1000 },
          log,
        });
  const lastInmateError = new LastInmateError(() => clock.now());
  services.view.subscribe((snapshot) => lastInmateError.see(snapshot));
  const status = (): KioskStatus => {
    const snapshot = services.view.snapshot();
    const visit = services.kiosk.visitInProgress();
    return {
      appVersion: options.version,
      uptimeSeconds: Math.floor(process.uptime()),
      screen: snapshot.screen,
      visitId: snapshot.screen === 'call' ? snapshot.visit.visitId : null,
      outboxPending: store.outbox.status().pending,
      devices: heartbeatDevices(devices.health()),
      service: services.service.current(),
      visitState: visit?.state ?? null,
      today: todayFigures(store.ledger, clock.now()),
      lastInmateError: lastInmateError.current(),
      ...(updates === undefined ? {} : { update: updates.status() }),
    };
  };
  const stopHeartbeat = startHeartbeat({
    link,
    clock,
    status,
    intervalMs: heartbeatIntervalMs,
    onAcknowledged: (beat) => updates?.acknowledged(beat.screen),
    // The console learns of a device fault, a lock or a visit's new state now, not at the next beat.
    beatOn: (nudge) => {
      const stopDevices = devices.onHealthChange(nudge);
      const stopView = services.view.subscribe(nudge);
      return () => {
        stopDevices();
        stopView();
      };
    },
    log,
  });
  const stopCommands = handleCommands(link, { actions: services.actions, commands: store.staff });
  const stopDiagnostics =
    services.collectDiagnostics === undefined
      ? () => {}
      : answerDiagnosticsRequests(link, { collect: services.collectDiagnostics, audit: store.audit });
  const stopCheckRuns =
    services.consoleCheck === undefined ? () => {} : answerMediaCheckRuns(link, services.consoleCheck);
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
      stopHookSource();
      services.handset.close();
      stopFaultReports();
      stopKicking();
      await resumption;
      stopHeartbeat();
      updates?.stop();
      stopCommands();
      stopDiagnostics();
      stopCheckRuns();
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

/** How long the setup screen's "done" stays up before main starts again in service. */
const provisionedRestartMs = 3000;

/** The command's acknowledgement leaves on the socket after the handler returns; restart (or reboot) after it. */
const answerLeadMs = 500;

function afterAnswerSent(restart: () => void): () => void {
  return () => void setTimeout(restart, answerLeadMs);
}
