import { defaultCameraPosition, type CameraPosition } from '../shared/contract/kiosk';
import { createDispatcher, type Dispatch } from './contract/dispatcher';
import { collectDiagnostics } from './diagnostics/collect-diagnostics';
import { Decommission, type DecommissionDeps } from './staff/decommission';
import { KioskMove, storePlacement, type KioskMoveDeps } from './staff/kiosk-move';
import { recordMediaCheck } from './staff/technician-check';
import { ConsoleCheck, type KioskActivity } from './staff/console-check';
import type { MediaCheckRunDeps } from './provisioning/media-check-run';
import type { DeviceChoices } from './devices/device-choices';
import { heartbeatDevices } from './devices/device-health';
import { DeviceService } from './devices/device-service';
import type { HookSource } from './devices/handset/hook-source';
import { HandsetService } from './devices/handset-service';
import { EventHub } from './contract/event-hub';
import { KeyStreamHub } from './input/key-stream-hub';
import { IdleWatch } from './kiosk/idle-watch';
import { KioskMachine } from './kiosk/kiosk-machine';
import { KioskView } from './kiosk/kiosk-view';
import { defaultKioskSettings, idleWarningSeconds, type KioskSettings } from './kiosk/kiosk-settings';
import { StaffMessageBoard } from './kiosk/staff-message';
import type { VisitationService } from './kiosk/visitation-service';
import type { Logger } from './log/logger';
import type { SetupFlow } from './provisioning/setup-flow';
import { BadgeReader } from './staff/badge-reader';
import { ServiceDimension } from './staff/service-dimension';
import { StaffActions } from './staff/staff-actions';
import { StaffOverlay } from './staff/staff-overlay';
import type { StaffAuthenticator } from './staff/staff-sign-in';
import type { Store } from './store/store';
import { systemTimer, type Timer } from './store/timer';
import { visitSessionOpener, type VisitSessionDeps } from './visit/visit-sessions';
import type { KioskAtAGlance } from '../shared/contract/kiosk';
import type { HostKind } from '../shared/protocol/common';
import type { DiagnosticsBundle } from '../shared/protocol/diagnostics';

export interface MainServices {
  /** The inmate's session. */
  readonly kiosk: KioskMachine;
  /** In service, locked or out of service. */
  readonly service: ServiceDimension;
  /** Staff sign-in and the staff panel. */
  readonly staff: StaffOverlay;
  /** The three composed into the snapshot the renderer draws. */
  readonly view: KioskView;
  readonly actions: StaffActions;
  /** Keys a host's producer pushes (Electron's `before-input-event`, the preview renderer's keydown). */
  readonly keys: KeyStreamHub;
  readonly messages: StaffMessageBoard;
  readonly events: EventHub;
  readonly devices: DeviceService;
  readonly handset: HandsetService;
  readonly dispatch: Dispatch;
  /** The kiosk's one diagnostics collector (the panel's and the console's); absent without `diagnosticsDirs`. */
  readonly collectDiagnostics: (() => Promise<DiagnosticsBundle>) | undefined;
  /** The console's network and media check on an idle kiosk; absent without a server. */
  readonly consoleCheck: ConsoleCheck | undefined;
}

export interface MainServicesOptions {
  host: HostKind;
  /**
   * Absent when no visitation server is configured: sign-in then says the server is unavailable.
   * With it, where each visit's ledger is kept and queued for the server.
   */
  visitation?: { service: VisitationService } & Pick<VisitSessionDeps, 'ledger' | 'enqueue'>;
  /** Without `visitation`: the configured server's address was refused as not secure, and sign-in says so. */
  serverNotSecure?: boolean;
  /** The server's clock once measured; visits start, warn and end by it. */
  now?: () => number;
  /** The kiosk's media devices; without it, one whose choices last as long as the process. */
  devices?: DeviceService;
  /** The handset's hook switch, where the kiosk has one (HID, key board, or the preview's simulated one). */
  hookSource?: HookSource;
  /** The host's restart of main, for staff's `restart_app`; without it that action is refused. */
  restartApp?: () => void;
  /** The host's reboot of the computer, for staff's `reboot` from the console; without it that action is refused. */
  reboot?: () => void;
  /** Overrides of the kiosk's timings, from the environment. */
  settings?: Partial<KioskSettings>;
  /** Where the camera sits on the screen when provisioning stored none (the environment's word); default top centre. */
  cameraPosition?: CameraPosition;
  /** A kiosk not yet provisioned: the technician's setup, shown instead of every other screen. */
  setup?: SetupFlow;
  /** Main's store: the service state, commands, offline code verifiers and the audit log live there. */
  store: Pick<Store, 'staff' | 'audit' | 'atomically' | 'outbox' | 'health' | 'config'>;
  /**
   * What a decommission needs beyond the store: the server's word and the wipe. Absent (no
   * decommission) without a server, or on a host that cannot start itself again.
   */
  decommission?: Pick<DecommissionDeps, 'tellServer' | 'serverReachable' | 'wipe'>;
  /** The echo room for a technician's network and media check, and the server it is on; absent without a server. */
  mediaCheck?: Pick<MediaCheckRunDeps, 'openRoom' | 'serverUrl'>;
  /** The server's side of moving the kiosk to another housing unit; absent (no move) without a server. */
  move?: Pick<KioskMoveDeps, 'server' | 'serverReachable'>;
  /** Where the store and the logs live, for diagnostics (free disk, the last log lines). */
  diagnosticsDirs?: { dataDir: string; logDir: string };
  /** The server's check of staff PINs and whether it can be reached now; absent with no server. */
  staffSignIn?: { authenticator: StaffAuthenticator; reachable: () => boolean };
  timer?: Timer;
  appName: string;
  version: string;
  log: Logger;
}

/**
 * The kiosk's services, identical under both hosts; a host only adds a way for renderers to reach
 * `dispatch` and `events`.
 */
export function createMainServices({
  host,
  visitation,
  serverNotSecure = false,
  now = Date.now,
  settings: overrides,
  store,
  staffSignIn,
  timer = systemTimer,
  appName,
  version,
  log,
  devices = new DeviceService({ choices: memoryChoices(), log }),
  hookSource,
  restartApp,
  reboot,
  setup,
  diagnosticsDirs,
  decommission,
  move,
  mediaCheck,
  cameraPosition = defaultCameraPosition,
}: MainServicesOptions): MainServices {
  const settings: KioskSettings = {
    ...defaultKioskSettings,
    ...withoutUnset(overrides),
  };
  const service = new ServiceDimension(store.staff, now);
  const recordCheck = recordMediaCheck(store);
  const consoleCheck: ConsoleCheck | undefined =
    mediaCheck === undefined
      ? undefined
      : new ConsoleCheck({
          ...mediaCheck,
          log,
          record: recordCheck,
          activity: (): KioskActivity => ({
            inVisit: kiosk.visitInProgress() !== null,
            staffAtKiosk: staff.view() !== null,
            sessionScreen: kiosk.snapshot().screen,
          }),
        });
  const kiosk = new KioskMachine(
    visitation === undefined
      ? undefined
      : {
          service: visitation.service,
          serverNow: now,
          openVisitSession: visitSessionOpener({
            ledger: visitation.ledger,
            enqueue: visitation.enqueue,
            serverNow: now,
            warningSeconds: settings.callWarningSeconds,
            log,
          }),
        },
    {
      // Nobody signs in at a kiosk a technician is still setting up.
      // Nor while the console's network check has the screen (seconds).
      acceptsInmates: () => setup === undefined && service.acceptsInmates() && consoleCheck?.running() !== true,
      withoutServer: serverNotSecure ? 'server_not_secure' : 'server_unavailable',
      cameraPosition: () => store.config.get('cameraPosition') ?? cameraPosition,
    },
  );
  const idle = new IdleWatch(kiosk, {
    timeoutMs: settings.idleTimeoutSeconds * 1000,
    warningMs: idleWarningSeconds(settings.idleTimeoutSeconds) * 1000,
    summaryMs: settings.summarySeconds * 1000,
  });
  idle.start();
  const messages = new StaffMessageBoard(now);
  const events = new EventHub();
  const actions = new StaffActions({
    service,
    kiosk,
    messages,
    audit: store.audit,
    atomically: (work) => store.atomically(work),
    devices,
    reloadRenderer: () => events.emit('kiosk.reload', {}),
    ...(restartApp === undefined ? {} : { restartApp }),
    ...(reboot === undefined ? {} : { reboot }),
  });
  const collect =
    diagnosticsDirs === undefined
      ? undefined
      : (): Promise<DiagnosticsBundle> =>
          collectDiagnostics({ host, appVersion: version, ...diagnosticsDirs, store, view, service, devices });
  const decommissioning =
    decommission === undefined || restartApp === undefined
      ? undefined
      : new Decommission({ ...decommission, outbox: store.outbox, restart: restartApp, log });
  const moving =
    move === undefined || restartApp === undefined
      ? undefined
      : new KioskMove({
          ...move,
          apply: storePlacement(store),
          restart: restartApp,
          log,
        });
  const staff = new StaffOverlay({
    ...(collect === undefined ? {} : { collectDiagnostics: collect }),
    ...(decommissioning === undefined ? {} : { decommission: decommissioning }),
    ...(moving === undefined ? {} : { move: moving }),
    ...(mediaCheck === undefined ? {} : { mediaCheck: { ...mediaCheck, record: recordCheck, log } }),
    authenticator: staffSignIn?.authenticator,
    serverReachable: () => staffSignIn?.reachable() ?? false,
    codes: store.staff,
    actions,
    audit: store.audit,
    atomically: (work) => store.atomically(work),
    serverNow: now,
    timer,
    deviceChooser: () => devices.chooser(),
    glance: (): KioskAtAGlance => ({
      service: service.current(),
      visit: kiosk.visitInProgress(),
      devices: heartbeatDevices(devices.health()),
      serverLink: staffSignIn === undefined ? 'not_configured' : staffSignIn.reachable() ? 'connected' : 'disconnected',
      outboxPending: store.outbox.status().pending,
      version,
    }),
  });
  const view: KioskView = new KioskView(kiosk, service, staff, setup, consoleCheck);
  const keys = new KeyStreamHub();
  keys.add(new BadgeReader((staffNumber) => staff.open(staffNumber)));
  view.subscribe((snapshot) => events.emit('kiosk.state', snapshot));
  devices.subscribe((current) => kiosk.setCallDevices(current));
  const handset = new HandsetService({
    mode: settings.handset,
    hangUpSeconds: settings.handsetHangUpSeconds,
    ...(hookSource === undefined ? {} : { source: hookSource }),
    // The renderer counts the hang-up down from this on the same machine's clock, not the server's.
    now: Date.now,
    log,
  });
  devices.setHandset(handset.state());
  handset.subscribe((state) => devices.setHandset(state));
  // The ring light wants to know whether the visitor is there yet, or has left: the call's own media
  // reports say. A drop after they joined (a reconnect) is not them joining again.
  let visitorSeen = false;
  let visitorConnected = false;
  kiosk.subscribe((snapshot) => {
    if (snapshot.screen !== 'call') visitorSeen = visitorConnected = false;
    handset.setCall({ inCall: snapshot.screen === 'call', visitorConnected });
  });
  messages.subscribe((message) => events.emit('staffMessage.changed', { message }));

  const dispatch = createDispatcher(
    {
      'app.getInfo': () => ({ name: appName, version, host }),
      'kiosk.getState': () => view.snapshot(),
      'kiosk.begin': () => drawn(kiosk.begin()),
      'kiosk.cancel': () => drawn(kiosk.cancel()),
      'kiosk.activity': () => {
        idle.activity();
        staff.activity();
        return {};
      },
      'kiosk.setLanguage': ({ language }) => drawn(kiosk.setLanguage(language)),
      'kiosk.setLargeText': ({ largeText }) => drawn(kiosk.setLargeText(largeText)),
      'session.signIn': ({ inmateId, pin }) => drawn(kiosk.signIn(inmateId, pin)),
      'session.signOut': () => drawn(kiosk.signOut()),
      'visit.start': ({ visitId }) => drawn(kiosk.startVisit(visitId)),
      'visit.join': ({ visitId }) => drawn(kiosk.joinVisit(visitId)),
      'visit.renewTicket': ({ visitId }) => drawn(kiosk.renewTicket(visitId)),
      'visit.media': ({ visitId, ...report }) => {
        kiosk.reportMedia(visitId, report);
        if (kiosk.callVisitId() === visitId) {
          visitorSeen ||= report.connected;
          visitorConnected = report.connected || (visitorSeen && report.cause !== 'visitor_left');
          handset.setCall({ inCall: true, visitorConnected });
        }
        return {};
      },
      'visit.end': ({ visitId, reason, endedMsAgo }) => drawn(kiosk.endVisit(visitId, reason, endedMsAgo)),
      'devices.inventory': ({ devices: listed }) => {
        devices.reportInventory(listed);
        return {};
      },
      'devices.track': (event) => {
        devices.reportTrack(event);
        return {};
      },
      'staffMessage.get': () => ({ message: messages.get() }),
      'staffMessage.dismiss': ({ id }) => {
        messages.dismiss(id);
        return {};
      },
      'diagnostics.reportRendererError': (report) => {
        log.error({ renderer: report }, 'renderer reported an error');
        return {};
      },
      'staff.open': () => {
        staff.open();
        return view.snapshot();
      },
      'staff.signIn': async ({ staffNumber, pin }) => {
        await staff.signIn(staffNumber, pin);
        return view.snapshot();
      },
      'staff.signInOffline': async ({ code }) => {
        await staff.signInOffline(code);
        return view.snapshot();
      },
      'staff.act': ({ action }) => {
        staff.act(action);
        return view.snapshot();
      },
      'staff.diagnostics': () => staff.diagnostics(),
      'staff.decommission': ({ force }) => {
        staff.decommission(force);
        return view.snapshot();
      },
      'staff.decommissionCancel': () => {
        staff.cancelDecommission();
        return view.snapshot();
      },
      'staff.chooseDevices': ({ selection }) => {
        staff.chooseDevices(selection);
        return view.snapshot();
      },
      'staff.moveStart': () => {
        staff.startMove();
        return view.snapshot();
      },
      'staff.move': ({ housingUnitId, location }) => {
        staff.move(housingUnitId, location);
        return view.snapshot();
      },
      'staff.moveCancel': () => {
        staff.cancelMove();
        return view.snapshot();
      },
      'staff.checkStart': () => {
        staff.startCheck();
        return view.snapshot();
      },
      'staff.checkReport': (measurement) => {
        staff.reportCheck(measurement);
        return view.snapshot();
      },
      'kiosk.checkReport': (measurement) => {
        consoleCheck?.report(measurement);
        return view.snapshot();
      },
      'staff.checkClose': () => {
        staff.closeCheck();
        return view.snapshot();
      },
      'staff.close': () => {
        staff.close();
        return view.snapshot();
      },
      'setup.checkServer': ({ address }) => {
        setup?.checkServer(address);
        return view.snapshot();
      },
      'setup.retry': () => {
        setup?.retry();
        return view.snapshot();
      },
      'setup.continue': () => {
        setup?.continue();
        return view.snapshot();
      },
      'setup.signInTechnician': ({ staffNumber, pin }) => {
        setup?.signInTechnician(staffNumber, pin);
        return view.snapshot();
      },
      'setup.signInWithCode': ({ code }) => {
        setup?.signInWithCode(code);
        return view.snapshot();
      },
      'setup.loadUnits': () => {
        setup?.loadUnits();
        return view.snapshot();
      },
      'setup.place': ({ housingUnitId, location }) => {
        setup?.place(housingUnitId, location);
        return view.snapshot();
      },
      'setup.retryCheck': () => {
        setup?.retryCheck();
        return view.snapshot();
      },
      'setup.reportCheck': (measurement) => {
        setup?.reportCheck(measurement);
        return view.snapshot();
      },
      'setup.chooseDevices': ({ selection }) => {
        setup?.chooseDevices(selection);
        return view.snapshot();
      },
      'input.key': (press) => {
        // Only the preview host's renderer forwards keys; under Electron main sees them first.
        if (host === 'preview') keys.push(press);
        return {};
      },
    },
    log,
  );

  /** Every screen request answers, once its change is made, with the whole view, whatever it changed. */
  async function drawn(change: unknown): Promise<ReturnType<KioskView['snapshot']>> {
    await change;
    return view.snapshot();
  }

  return {
    kiosk,
    service,
    staff,
    view,
    actions,
    keys,
    messages,
    events,
    devices,
    handset,
    dispatch,
    collectDiagnostics: collect,
    consoleCheck,
  };
}

function memoryChoices() {
  let choices: DeviceChoices = {};
  return {
    read: () => choices,
    write: (next: DeviceChoices) => {
      choices = next;
    },
  };
}

/** An override the environment left unset must not replace the default with `undefined`. */
function withoutUnset(overrides: Partial<KioskSettings> = {}): Partial<KioskSettings> {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}
