import { randomUUID } from 'node:crypto';
import type { FleetServer } from './server-handle';
import type { SimulatedKiosk } from './simulated-kiosk';

export interface StaffCommands {
  /** From the staff API's request to its answer, which carries the kiosk's acknowledgement. */
  readonly acknowledgedMs: readonly number[];
  /** Refused, not accepted by the kiosk, or no answer at all. */
  readonly failures: number;
  stop(): void;
  /** Resolves when every command sent has its answer or failed. */
  drained(): Promise<void>;
}

/**
 * Sends `show_message` to random kiosks through `POST /api/admin/kiosks/<id>/commands`, as an
 * officer's console would. Open loop: commands go out on a fixed schedule, so a slow server meets
 * more of them, not fewer.
 */
export function sendStaffCommands(
  server: FleetServer,
  kiosks: readonly SimulatedKiosk[],
  perSecond: number,
): StaffCommands {
  const acknowledgedMs: number[] = [];
  let failures = 0;
  const inFlight = new Set<Promise<void>>();
  const send = async (): Promise<void> => {
    const kiosk = kiosks[Math.floor(Math.random() * kiosks.length)];
    if (kiosk === undefined) return;
    const id = randomUUID();
    const sentAt = performance.now();
    try {
      const response = await fetch(`${server.url}/api/admin/kiosks/${kiosk.kioskId}/commands`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.adminToken}` },
        body: JSON.stringify({
          id,
          by: null,
          action: { type: 'show_message', text: 'Count time in 5 minutes: please finish up.' },
        }),
      });
      const ack = (await response.json()) as { id?: unknown; status?: unknown };
      if (response.status === 200 && ack.id === id && ack.status === 'accepted') {
        acknowledgedMs.push(performance.now() - sentAt);
      } else {
        failures += 1;
      }
    } catch {
      failures += 1;
    }
  };
  const timer = setInterval(() => {
    const sent = send();
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  }, 1000 / perSecond);
  return {
    acknowledgedMs,
    get failures() {
      return failures;
    },
    stop: () => clearInterval(timer),
    drained: async () => void (await Promise.all(inFlight)),
  };
}
