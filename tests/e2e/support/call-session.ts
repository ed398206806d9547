import type { Browser, Page } from '@playwright/test';
import type { ScheduledVisit } from '../../../src/shared/protocol/http';
import { demo, describeRtp, receivedMedia, signIn, watchPeerConnections } from './visitation';

/** Both ends of one visit: the kiosk's page and the visitor's. */
export interface Call {
  kioskPage: Page;
  readonly visitorPage: Page;
}

export interface CallOptions {
  kioskUrl: string;
  /** The visitor page's address for the visit. */
  visitorLink: string;
  /** The visitor's name as the kiosk's list shows it. */
  visitor: string;
  /** Runs on the kiosk's page before it loads (init scripts). */
  prepareKiosk?: (page: Page) => Promise<void>;
}

/**
 * The whole way into a call, as people make it: the demo inmate signs in at the kiosk, starts the
 * visit and acknowledges the notice; the visitor opens the link and joins. Resolves once the kiosk
 * decodes the visitor's video.
 */
export async function startCall(
  browser: Browser,
  { kioskUrl, visitorLink, visitor, prepareKiosk }: CallOptions,
): Promise<Call> {
  const kioskPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const visitorPage = await browser.newPage();
  await watchPeerConnections(kioskPage);
  await watchPeerConnections(visitorPage);
  await prepareKiosk?.(kioskPage);
  await kioskPage.goto(kioskUrl);
  await signIn(kioskPage, demo.inmate.id, demo.inmate.pin);
  await kioskPage
    .getByRole('listitem')
    .filter({ hasText: visitor })
    .getByRole('button', { name: 'Start visit' })
    .click();
  await kioskPage.getByRole('button', { name: 'I understand' }).click();
  await visitorPage.goto(visitorLink);
  await visitorPage.getByRole('button', { name: 'Join visit' }).click();
  await kioskPage.getByRole('button', { name: 'Hang up' }).waitFor();
  await waitForNewFrames(kioskPage, 20_000);
  return { kioskPage, visitorPage };
}

/**
 * Milliseconds until the page decodes a video frame it had not decoded when called. A rebuilt
 * transport counts from zero, so the baseline follows the totals down as well.
 */
export async function waitForNewFrames(page: Page, timeoutMs: number): Promise<number> {
  const started = performance.now();
  let previous = (await receivedMedia(page)).framesDecoded;
  while (performance.now() - started < timeoutMs) {
    await page.waitForTimeout(50);
    const current = (await receivedMedia(page)).framesDecoded;
    if (current > previous) return Math.round(performance.now() - started);
    previous = current;
  }
  throw new Error(`no new video frame decoded within ${timeoutMs} ms; the page's RTP:\n${await describeRtp(page)}`);
}

/**
 * Books a visit for the demo inmate through the staff API, open from now and ending `lastsMs` from
 * now, with a visitor of this name; `admin` posts to `/api/admin/<path>`.
 */
export async function bookVisit(
  admin: (path: string, body: unknown) => Promise<Response>,
  visitor: { firstName: string; lastName: string },
  lastsMs: number,
): Promise<ScheduledVisit & { visitorName: string }> {
  const now = Date.now();
  const response = await admin('visits', {
    inmateId: demo.inmate.id,
    visitor,
    startsAt: new Date(now).toISOString(),
    endsAt: new Date(now + lastsMs).toISOString(),
  });
  if (response.status !== 201) throw new Error(`booking a visit: ${response.status} ${await response.text()}`);
  const booked = (await response.json()) as ScheduledVisit;
  return { ...booked, visitorName: `${visitor.firstName} ${visitor.lastName.charAt(0)}.` };
}
