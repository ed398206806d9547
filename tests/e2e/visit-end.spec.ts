import { bookVisit, startCall } from './support/call-session';
import { expect, test } from './support/visitation';
import { alertsShown, beeps, recordWarnings } from './support/warning-recorder';

/**
 * A visit's end as main's visit session runs it, through the real server: warnings before the end,
 * and the end at the server's end time whether or not a renderer is there.
 */

test.describe('the end time', () => {
  // Thresholds that fall inside a visit booked to last 70 s.
  test.use({ kioskEnv: { KIOSK_CALL_WARNING_SECONDS: '40,20' } });

  test('warns twice, then ends the visit on both sides with its reason, even with the kiosk renderer gone', async ({
    browser,
    server,
    kiosk,
  }) => {
    test.setTimeout(150_000);
    const visit = await bookVisit(server.admin, { firstName: 'Rosa', lastName: 'Tellez' }, 70_000);
    const endsAt = Date.parse(visit.endsAt);
    const call = await startCall(browser, {
      kioskUrl: kiosk.url,
      visitorLink: server.visitorLink(visit.visitorCode),
      visitor: visit.visitorName,
      prepareKiosk: recordWarnings,
    });

    // Both warnings, each on screen and with its tone, before the end.
    await expect
      .poll(() => alertsShown(call.kioskPage), { timeout: endsAt - Date.now() })
      .toEqual(['1 minute left', '1 minute left']);
    expect(await beeps(call.kioskPage)).toBe(4);
    expect(Date.now()).toBeLessThan(endsAt);

    // Nothing on the kiosk's side is left to end the visit but main.
    await call.kioskPage.close();
    const visitorEnded = call.visitorPage.getByText('The visit reached its end time.');
    await expect(visitorEnded).toBeVisible({ timeout: endsAt - Date.now() + 10_000 });

    const kioskPage = await browser.newPage();
    await kioskPage.goto(kiosk.url);
    await expect(kioskPage.getByRole('heading', { name: 'Your visit has ended' })).toBeVisible();
    await expect(kioskPage.getByText('The visit reached its end time.')).toBeVisible();
  });
});
