import type { KioskSnapshot } from '../../shared/contract/kiosk';
import type { SetupFlow } from '../provisioning/setup-flow';
import type { ServiceDimension } from '../staff/service-dimension';
import type { ConsoleCheck } from '../staff/console-check';
import type { StaffOverlay } from '../staff/staff-overlay';
import type { KioskMachine } from './kiosk-machine';

type Listener = (snapshot: KioskSnapshot) => void;

/**
 * The one snapshot the renderer draws, composed from the kiosk's independent dimensions: the
 * inmate's session (`KioskMachine`), the service state (`ServiceDimension`), the staff overlay
 * (`StaffOverlay`) and, on a kiosk not yet provisioned, the technician's setup (`SetupFlow`), which
 * replaces every other screen. The console's network check (`ConsoleCheck`) takes the place of
 * whatever idle screen the kiosk shows while it runs. A kiosk closed to inmates shows its locked or out-of-service screen
 * where the session would show the attract screen; a call or its after-call screen goes on until it
 * is done.
 */
export class KioskView {
  private revision = 0;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly session: KioskMachine,
    private readonly service: ServiceDimension,
    private readonly overlay: StaffOverlay,
    private readonly setup?: SetupFlow,
    private readonly check?: ConsoleCheck,
  ) {
    const publish = (): void => this.publish();
    session.subscribe(publish);
    service.subscribe(publish);
    overlay.subscribe(publish);
    setup?.subscribe(publish);
    check?.subscribe(publish);
  }

  snapshot(): KioskSnapshot {
    const session = this.session.snapshot();
    const staff = this.overlay.view();
    const service = this.service.current();
    const common = {
      revision: this.revision,
      preferences: session.preferences,
      idleWarning: session.idleWarning,
      devices: session.devices,
      staff,
    };
    if (this.setup !== undefined) return { screen: 'setup', ...common, setup: this.setup.view() };
    // Staff's word on the kiosk outranks a device fault: a locked kiosk says it is locked.
    const idle = session.screen === 'attract' || session.screen === 'devicesUnavailable';
    const checking = this.check?.view();
    if (idle && checking !== undefined) return { screen: 'networkCheck', ...common, check: checking };
    if (idle && service.state === 'locked') return { screen: 'locked', ...common };
    if (idle && service.state === 'out_of_service') {
      return { screen: 'outOfService', ...common, reason: service.reason };
    }
    return { ...session, ...common };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private publish(): void {
    this.revision += 1;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
