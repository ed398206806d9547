import type { Logger } from '../../src/main/log/logger';
import { openControlLink } from '../../src/main/link/control-link';
import { heartbeatIntervalMs, startHeartbeat } from '../../src/main/link/heartbeat';
import { sendOutboxOverLink } from '../../src/main/link/outbox-sender';
import { ServerClock } from '../../src/main/link/server-clock';
import type { AuditEntry } from '../../src/main/store/audit-log';
import { newRecordKey } from '../../src/main/store/record-key';
import type { EnrolResponse } from '../../src/shared/protocol/http';
import type { OutboxRecord } from '../../src/shared/protocol/outbox';

/** What the simulated kiosks report back; each figure arrives as it is measured. */
export interface FleetObserver {
  heartbeatAnswered(roundTripMs: number): void;
  outboxDelivered(roundTripMs: number, stored: number): void;
  outboxFailed(): void;
}

/** How often a kiosk delivers its outbox when idle: an audit entry and a call-quality sample each time. */
export const outboxIntervalMs = 30_000;

/** The heartbeat's own clock, which also reports each answer's round trip (the sample it is given). */
class ObservedClock extends ServerClock {
  constructor(private readonly observer: FleetObserver) {
    super();
  }

  override sample(sentAtMonotonic: number, serverTime: string): void {
    this.observer.heartbeatAnswered(performance.now() - sentAtMonotonic);
    super.sample(sentAtMonotonic, serverTime);
  }
}

export interface SimulatedKiosk {
  readonly kioskId: string;
  readonly connected: boolean;
  /** Resolves at the first connection. */
  readonly ready: Promise<void>;
  close(): void;
}

/**
 * One kiosk's main process as the server sees it, without a screen or a store: the kiosk's own
 * control link, heartbeat (at the real interval), command handler and outbox sender, so it speaks
 * exactly what a real kiosk speaks. Its outbox is in memory: a real one on disk per simulated kiosk
 * would load this machine's disk, which is the kiosks', not the server's.
 */
export function startSimulatedKiosk(
  serverUrl: string,
  identity: EnrolResponse,
  observer: FleetObserver,
  log: Logger,
): SimulatedKiosk {
  const link = openControlLink(serverUrl, identity.token, log);
  const startedAt = performance.now();
  const pending: OutboxRecord[] = [];
  const enqueue = (type: OutboxRecord['type'], payload: Record<string, unknown>): void => {
    const at = Date.now();
    pending.push({ key: newRecordKey(at), type, createdAt: new Date(at).toISOString(), payload });
  };
  const audit = {
    record: (entry: AuditEntry): void => enqueue('audit.event', { ...entry, at: new Date().toISOString() }),
  };

  const stopHeartbeat = startHeartbeat({
    link,
    clock: new ObservedClock(observer),
    status: () => ({
      appVersion: '0.1.0',
      uptimeSeconds: Math.floor((performance.now() - startedAt) / 1000),
      screen: 'attract',
      visitId: null,
      outboxPending: pending.length,
      devices: { camera: 'ok', microphone: 'ok', speaker: 'ok' },
      service: { state: 'in_service' },
      visitState: null,
    }),
    intervalMs: heartbeatIntervalMs,
    log,
  });
  // A simulated kiosk has no screen or store: it audits and accepts a message and refuses the rest.
  const stopCommands = link.rpc.handle('command', ({ id, action }) => {
    const accepted = action.type === 'show_message';
    audit.record({ action: `staff.${action.type}`, actor: 'server', detail: { commandId: id, where: 'console' } });
    return accepted ? { id, status: 'accepted' } : { id, status: 'refused', reason: 'not_permitted' };
  });

  const send = sendOutboxOverLink(link);
  let delivering = false;
  const deliver = async (): Promise<void> => {
    if (delivering || pending.length === 0 || !link.connected) return;
    delivering = true;
    const batch = pending.slice(0, 100);
    const sentAt = performance.now();
    try {
      const acks = await send(batch);
      const settled = new Set(acks.filter((ack) => ack.status !== 'rejected').map((ack) => ack.key));
      const rejected = acks.filter((ack) => ack.status === 'rejected');
      if (rejected.length > 0) log.error({ reason: rejected[0]?.reason }, 'fleet: the server rejected a record');
      observer.outboxDelivered(performance.now() - sentAt, acks.filter((ack) => ack.status === 'stored').length);
      pending.splice(0, pending.length, ...pending.filter((record) => !settled.has(record.key)));
    } catch (error) {
      observer.outboxFailed();
      log.warn({ err: error }, 'fleet: outbox delivery failed');
    } finally {
      delivering = false;
    }
  };
  const produce = (): void => {
    audit.record({ action: 'session.signed_out', actor: 'kiosk', detail: { reason: 'idle' } });
    enqueue('call.quality', {
      visitId: 'fleet-visit',
      at: new Date().toISOString(),
      roundTripMs: 24,
      packetLossPercent: 0.2,
      bitrateKbps: 1200,
    });
    void deliver();
  };
  // Kiosks of a real fleet were started at different times, so their deliveries are spread out.
  let outboxTimer: NodeJS.Timeout | undefined;
  const firstDelivery = setTimeout(() => {
    produce();
    outboxTimer = setInterval(produce, outboxIntervalMs);
  }, Math.random() * outboxIntervalMs);
  const stopKicking = link.onConnect(() => void deliver());

  return {
    kioskId: identity.kioskId,
    get connected() {
      return link.connected;
    },
    ready: new Promise((resolve) => {
      if (link.connected) resolve();
      const stop = link.onConnect(() => {
        stop();
        resolve();
      });
    }),
    close: () => {
      clearTimeout(firstDelivery);
      clearInterval(outboxTimer);
      stopKicking();
      stopCommands();
      stopHeartbeat();
      link.close();
    },
  };
}
