import type { Browser, Page } from '@playwright/test';
import { visitLedgerReportSchema, type VisitLedgerReport } from '../../../src/shared/protocol/http';
import { bookVisit, startCall, waitForNewFrames } from './call-session';
import type { FaultServer } from './fault-server';

export interface DroppedVisit {
  /** The server's comparison, once the kiosk's final ledger has arrived. */
  report: VisitLedgerReport;
  /** From each restore to the kiosk's first newly decoded frame. */
  recoveriesMs: number[];
}

export interface DroppedVisitOptions {
  browser: Browser;
  server: FaultServer;
  kioskUrl: string;
  visitor: { firstName: string; lastName: string };
  /** How long each cut lasts, in order. */
  cutsMs: readonly number[];
  /** Media flowing before each cut and before the hang-up. */
  flowingMs: number;
  /** Receives both pages' console output (`CallOptions.log`). */
  log?: string[];
}

/**
 * One whole visit with network drops, the way the ledger is judged: booked for the demo inmate,
 * joined by both sides, the link between the server's namespace and everything else cut and
 * restored `cutsMs.length` times, hung up at the kiosk, the after-call screen closed, and the
 * server's ledger comparison read once the kiosk's final ledger has reached it.
 */
export async function visitWithDrops(options: DroppedVisitOptions): Promise<DroppedVisit> {
  const { server } = options;
  const visit = await bookVisit((path, body) => server.admin('POST', path, body), options.visitor, 30 * 60_000);
  const call = await startCall(options.browser, {
    kioskUrl: options.kioskUrl,
    visitorLink: server.visitorLink(visit.visitorCode),
    visitor: visit.visitorName,
    log: options.log,
  });
  const { kioskPage } = call;
  try {
    const recoveriesMs: number[] = [];
    for (const cutMs of options.cutsMs) {
      await kioskPage.waitForTimeout(options.flowingMs);
      const cutAt = Date.now();
      server.cut();
      await kioskPage.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor({ timeout: 5000 });
      await kioskPage.waitForTimeout(Math.max(0, cutAt + cutMs - Date.now()));
      server.restore();
      recoveriesMs.push(await waitForNewFrames(kioskPage, 60_000));
    }
    await kioskPage.waitForTimeout(options.flowingMs);
    await hangUp(kioskPage);
    const report = await finalLedgerReport((path) => server.admin('GET', path), visit.visitId);
    return { report, recoveriesMs };
  } finally {
    await call.visitorPage.close();
    await kioskPage.close();
  }
}

async function hangUp(kioskPage: Page): Promise<void> {
  await kioskPage.getByRole('button', { name: 'Hang up' }).click();
  await kioskPage.getByRole('alertdialog', { name: 'Hang up?' }).getByRole('button', { name: 'Yes' }).click();
  await kioskPage.getByRole('heading', { name: 'Your visit has ended' }).waitFor();
  // The next person starts from the attract screen.
  await kioskPage.getByRole('button', { name: 'Done' }).click();
  await kioskPage.getByRole('button', { name: /touch the screen to begin/i }).waitFor();
}

/** The server's comparison once the kiosk's final ledger has reached it; `get` reads the staff API. */
export async function finalLedgerReport(
  get: (path: string) => Promise<Response>,
  visitId: string,
): Promise<VisitLedgerReport> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await get(`visits/${visitId}/ledger`);
    const report = visitLedgerReportSchema.parse(await response.json());
    if (report.kiosk?.ledger.final === true) return report;
    if (Date.now() > deadline) throw new Error(`the kiosk's final ledger for ${visitId} did not reach the server`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
