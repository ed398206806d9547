import { createDispatcher, type Dispatch } from './contract/dispatcher';
import type { DeviceChoices } from './devices/device-choices';
import { DeviceService } from './devices/device-service';
import type { HookSource } from './devices/handset/hook-source';
import { HandsetService } from './devices/handset-service';
import { EventHub } from './contract/event-hub';
import { IdleWatch } from './kiosk/idle-watch';
import { KioskMachine } from './kiosk/kiosk-machine';
import { defaultKioskSettings, idleWarningSeconds, type KioskSettings } from './kiosk/kiosk-settings';
import { StaffMessageBoard } from './kiosk/staff-message';
import type { VisitationService } from './kiosk/visitation-service';
import type { Logger } from './log/logger';
import { visitSessionOpener, type VisitSessionDeps } from './visit/visit-sessions';
import type { HostKind } from '../shared/contract/kiosk';

export interface MainServices {
  readonly kiosk: KioskMachine;
  readonly messages: StaffMessageBoard;
  readonly events: EventHub;
  readonly devices: DeviceService;
  readonly handset: HandsetService;
  readonly dispatch: Dispatch;
}

export interface MainServicesOptions {
  host: HostKind;
  /**
   * Absent when no visitation server is configured: sign-in then says the server is unavailable.
   * With it, where each visit's ledger is kept and queued for the server.
   */
  visitation?: { service: VisitationService } & Pick<VisitSessionDeps, 'ledger' | 'enqueue'>;
  /** The server's clock once measured; visits start, warn and end by it. */
  now?: () => number;
  /** The kiosk's media devices; without it, one whose choices last as long as the process. */
  devices?: DeviceService;
  /** The handset's hook switch, where the kiosk has one (HID, key board, or the preview's simulated one). */
  hookSource?: HookSource;
  /** Overrides of the kiosk's timings, from the environment. */
  settings?: Partial<KioskSettings>;
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
  now = Date.now,
  settings: overrides,
  appName,
  version,
  log,
  devices = new DeviceService({ choices: memoryChoices(), log }),
  hookSource,
}: MainServicesOptions): MainServices {
  const settings: KioskSettings = {
    ...defaultKioskSettings,
    ...(hookSource === undefined ? {} : { handset: 'optional' }),
    ...withoutUnset(overrides),
  };
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
  );
  const idle = new IdleWatch(kiosk, {
    timeoutMs: settings.idleTimeoutSeconds * 1000,
    warningMs: idleWarningSeconds(settings.idleTimeoutSeconds) * 1000,
    summaryMs: settings.summarySeconds * 1000,
  });
  idle.start();
  const messages = new StaffMessageBoard(now);
  const events = new EventHub();
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
  kiosk.subscribe((snapshot) => events.emit('kiosk.state', snapshot));
  messages.subscribe((message) => events.emit('staffMessage.changed', { message }));

  const dispatch = createDispatcher(
    {
      'app.getInfo': () => ({ name: appName, version, host }),
      'kiosk.getState': () => kiosk.snapshot(),
      'kiosk.begin': () => kiosk.begin(),
      'kiosk.cancel': () => kiosk.cancel(),
      'kiosk.activity': () => {
        idle.activity();
        return {};
      },
      'kiosk.setLanguage': ({ language }) => kiosk.setLanguage(language),
      'kiosk.setLargeText': ({ largeText }) => kiosk.setLargeText(largeText),
      'session.signIn': ({ inmateId, pin }) => kiosk.signIn(inmateId, pin),
      'session.signOut': () => kiosk.signOut(),
      'visit.start': ({ visitId }) => kiosk.startVisit(visitId),
      'visit.join': ({ visitId }) => kiosk.joinVisit(visitId),
      'visit.renewTicket': ({ visitId }) => kiosk.renewTicket(visitId),
      'visit.media': ({ visitId, ...report }) => {
        kiosk.reportMedia(visitId, report);
        if (kiosk.callVisitId() === visitId) {
          visitorSeen ||= report.connected;
          visitorConnected = report.connected || (visitorSeen && report.cause !== 'visitor_left');
          handset.setCall({ inCall: true, visitorConnected });
        }
        return {};
      },
      'visit.end': ({ visitId, reason }) => kiosk.endVisit(visitId, reason),
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
    },
    log,
  );

  return { kiosk, messages, events, devices, handset, dispatch };
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
