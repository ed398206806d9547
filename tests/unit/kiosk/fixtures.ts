import type { VisitSummary } from '../../../src/shared/contract/kiosk';

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
