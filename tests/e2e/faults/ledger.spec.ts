import { expect, test } from '../support/fault-fixtures';
import { visitWithDrops } from '../support/ledger-visit';

/**
 * The kiosk's ledger of connected seconds, kept by main's visit session from the call's reports,
 * against the server's own count, over a visit whose network is cut for real (the server in its own
 * network namespace, the link taken down) and restored.
 */
test('over a visit with real network drops, the kiosk’s connected seconds agree with the server’s within 1 s', async ({
  faultServer,
  faultKiosk,
  faultBrowser,
  callLog,
}) => {
  test.setTimeout(180_000);
  const { report } = await visitWithDrops({
    browser: faultBrowser,
    server: faultServer,
    kioskUrl: faultKiosk.url,
    visitor: { firstName: 'Lena', lastName: 'Ortiz' },
    cutsMs: [3000, 6000],
    flowingMs: 5000,
    log: callLog,
  });
  const ledger = report.kiosk?.ledger;
  console.log(
    `[ledger] kiosk: connected ${ledger?.connectedSeconds} s, disconnected ${ledger?.disconnectedSeconds} s, ` +
      `${ledger?.drops.length} drops; server: connected ${report.server.connectedSeconds} s; ` +
      `difference ${report.differenceSeconds} s`,
  );
  // Both cuts are drops with their time (a hang-up is none).
  expect(ledger?.drops.length).toBeGreaterThanOrEqual(2);
  expect(ledger?.disconnectedSeconds).toBeGreaterThan(8);
  // Both sides take media as stopped after 1 s without a packet and date every start and end at the
  // middle of the 250 ms look that saw it, so each of the visit's six is off by about 125 ms a side,
  // without bias (`npm run bench -- ledger` splits the disagreement by boundary: each median within
  // 75 ms of zero). Over 20 bench visits of up to three cuts under load 14-18 the median was 0.15 s
  // and the largest 0.55 s. More than 1 s here is a side counting from the wrong moment (a grace, a
  // confirmation, a reply), or a page starved far beyond its check interval.
  expect(Math.abs(report.differenceSeconds ?? Infinity)).toBeLessThanOrEqual(1);
});
