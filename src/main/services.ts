import { createDispatcher, type Dispatch } from './contract/dispatcher';
import { EventHub } from './contract/event-hub';
import { KioskMachine } from './kiosk/kiosk-machine';
import type { VisitationService } from './kiosk/visitation-service';
import type { Logger } from './log/logger';
import type { HostKind } from '../shared/contract/kiosk';

export interface MainServices {
  readonly kiosk: KioskMachine;
  readonly events: EventHub;
  readonly dispatch: Dispatch;
}

export interface MainServicesOptions {
  host: HostKind;
  /** Absent when no visitation server is configured: sign-in then says the server is unavailable. */
  visitation?: VisitationService;
  appName: string;
  version: string;
  log: Logger;
}

/**
 * The kiosk's services, identical under both hosts; a host only adds a way for renderers to reach
 * `dispatch` and `events`.
 */
export function createMainServices({ host, visitation, appName, version, log }: MainServicesOptions): MainServices {
  const kiosk = new KioskMachine(visitation);
  const events = new EventHub();
  kiosk.subscribe((snapshot) => events.emit('kiosk.state', snapshot));

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
      'diagnostics.reportRendererError': (report) => {
        log.error({ renderer: report }, 'renderer reported an error');
        return {};
      },
    },
    log,
  );

  return { kiosk, events, dispatch };
}
