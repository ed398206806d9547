import { createDispatcher, type Dispatch } from './contract/dispatcher';
import { EventHub } from './contract/event-hub';
import { KioskMachine } from './kiosk/kiosk-machine';
import { StaffMessageBoard } from './kiosk/staff-message';
import type { VisitationService } from './kiosk/visitation-service';
import type { Logger } from './log/logger';
import type { HostKind } from '../shared/contract/kiosk';

export interface MainServices {
  readonly kiosk: KioskMachine;
  readonly messages: StaffMessageBoard;
  readonly events: EventHub;
  readonly dispatch: Dispatch;
}

export interface MainServicesOptions {
  host: HostKind;
  /** Absent when no visitation server is configured: sign-in then says the server is unavailable. */
  visitation?: VisitationService;
  now?: () => number;
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
  appName,
  version,
  log,
}: MainServicesOptions): MainServices {
  const kiosk = new KioskMachine(visitation);
  const messages = new StaffMessageBoard(now);
  const events = new EventHub();
  kiosk.subscribe((snapshot) => events.emit('kiosk.state', snapshot));
  messages.subscribe((message) => events.emit('staffMessage.changed', { message }));

  const dispatch = createDispatcher(
    {
      'app.getInfo': () => ({ name: appName, version, host }),
      'kiosk.getState': () => kiosk.snapshot(),
      'kiosk.begin': () => kiosk.begin(),
      'kiosk.cancel': () => kiosk.cancel(),
      'session.signIn': ({ inmateId, pin }) => kiosk.signIn(inmateId, pin),
      'session.signOut': () => kiosk.cancel(),
      'visit.start': ({ visitId }) => kiosk.startVisit(visitId),
      'visit.end': ({ visitId, reason }) => kiosk.endVisit(visitId, reason),
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

  return { kiosk, messages, events, dispatch };
}
