import pino from 'pino';
import type { KioskVisitation } from '../../../src/main/kiosk/kiosk-machine';
import type { VisitationService } from '../../../src/main/kiosk/visitation-service';
import type { VisitLedgerEntry, VisitLedgerInput } from '../../../src/main/store/visit-ledger';
import { visitSessionOpener } from '../../../src/main/visit/visit-sessions';
import type { VisitSummary } from '../../../src/shared/contract/kiosk';
import { visitLedgerPayloadSchema } from '../../../src/shared/protocol/outbox';
import { FakeTime } from '../visit/fake-time';

/** An open visit as the server lists it, shared by the kiosk machine's tests. */
export const visit: VisitSummary = {
  visitId: 'v-1',
  visitorName: 'Maria G.',
  startsAt: '2026-11-22T10:00:00Z',
  endsAt: '2026-11-22T10:30:00Z',
  opensAt: '2026-11-22T09:50:00Z',
  privileged: false,
  status: 'open',
};

/** Five minutes into `visit`, by the server's clock. */
export const duringVisit = Date.parse('2026-11-22T10:05:00Z');

/**
 * The kiosk's link to a visitation service, with real visit sessions on fake clocks (the server's
 * clock is the fake wall clock) and recorders where the store's ledger and outbox would be.
 */
export function kioskVisitation(service: VisitationService, serverNowMs = duringVisit) {
  const time = new FakeTime();
  time.wallMs = serverNowMs;
  const saved = new Map<string, VisitLedgerEntry>();
  const queued: VisitLedgerInput[] = [];
  const visitation: KioskVisitation = {
    service,
    serverNow: time.wall,
    openVisitSession: visitSessionOpener({
      ledger: {
        save: (entry) => saved.set(entry.visitId, visitLedgerPayloadSchema.parse(entry)),
        get: (visitId) => saved.get(visitId),
      },
      enqueue: (_type, entry) => queued.push(structuredClone(entry)),
      serverNow: time.wall,
      warningSeconds: [300, 60],
      log: pino({ level: 'silent' }),
      timer: time,
      monotonic: time.monotonic,
    }),
  };
  return { visitation, time, saved, queued };
}
