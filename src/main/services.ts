import { createDispatcher, type Dispatch } from './contract/dispatcher';
import { EventHub } from './contract/event-hub';
import { KioskMachine } from './kiosk/kiosk-machine';
import type { Logger } from './log/logger';
import type { HostKind } from '../shared/contract/kiosk';

export interface MainServices {
  readonly kiosk: KioskMachine;
  readonly events: EventHub;
  readonly dispatch: Dispatch;
}

export interface MainServicesOptions {
  host: HostKind;
  appName: string;
  version: string;
  log: Logger;
}

/**
 * The kiosk's services, identical under both hosts; a host only adds a way for renderers to reach
 * `dispatch` and `events`.
 */
export function createMainServices({ host, appName, version, log }: MainServicesOptions): MainServices {
  const kiosk = new KioskMachine();
  const events = new EventHub();
  kiosk.subscribe((snapshot) => events.emit('kiosk.state', snapshot));

  const dispatch = createDispatcher(
    {
      'app.getInfo': () => ({ name: appName, version, host }),
      'kiosk.getState': () => kiosk.snapshot(),
      'kiosk.begin': () => kiosk.dispatch('begin'),
      'kiosk.cancel': () => kiosk.dispatch('cancel'),
      'diagnostics.reportRendererError': (report) => {
        log.error({ renderer: report }, 'renderer reported an error');
        return {};
      },
    },
    log,
  );

  return { kiosk, events, dispatch };
}
