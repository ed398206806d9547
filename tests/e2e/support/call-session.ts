import type { Browser, Page } from '@playwright/test';
import type { ScheduledVisit } from '../../../src/shared/protocol/http';
import { demo, describeRtp, receivedMedia, watchPeerConnections, type ReferenceServer } from './visitation';
import { chooseLanguage, signInAs, words, type KioskLanguage } from './words';
import { sentence } from '../../../server/visitor/call-text';

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
  /** Receives both pages' console output and uncaught errors, for a failed test to show. */
  log?: string[];
  /** The inmate's language, chosen on the attract screen; English unless given. */
  language?: KioskLanguage;
  /** Where the visitor's page opens, when not in the kiosk's browser (a browser on another network). */
  visitorBrowser?: Browser;
  /** The kiosk's page in a browser context opened for it, as axe-core needs to check it. */
  kioskInOwnContext?: boolean;
}

/**
 * The whole way into a call, as people make it: the demo inmate signs in at the kiosk, starts the
 * visit and acknowledges the notice; the visitor opens the link and joins. Resolves once both sides
 * show the call and the kiosk decodes the visitor's video.
 */
export async function startCall(
  browser: Browser,
  {
    kioskUrl,
    visitorLink,
    visitor,
    prepareKiosk,
    log,
    language = 'en',
    visitorBrowser = browser,
    kioskInOwnContext = false,
  }: CallOptions,
): Promise<Call> {
  const viewport = { width: 1920, height: 1080 };
  const kioskPage = kioskInOwnContext
    ? await (await browser.newContext({ viewport })).newPage()
    : await browser.newPage({ viewport });
  const visitorPage = await visitorBrowser.newPage();
  if (log !== undefined) {
    recordConsole(kioskPage, 'kiosk', log);
    recordConsole(visitorPage, 'visitor', log);
  }
  await watchPeerConnections(kioskPage);
  await watchPeerConnections(visitorPage);
  await prepareKiosk?.(kioskPage);
  try {
    await startVisitAtKiosk(kioskPage, { kioskUrl, visitor, language });
    await visitorPage.goto(visitorLink);
    await visitorPage.getByRole('button', { name: 'Join visit' }).click();
    await waitForKioskInCall(kioskPage, language);
    await visitorPage
      .getByText(`${sentence(`In a visit with ${demo.inmate.displayName}`)} Ends at `)
      .waitFor({ timeout: 20_000 });
    await waitForNewFrames(kioskPage, 20_000);
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\n${await describeScreens({ kiosk: kioskPage, visitor: visitorPage }, log)}`,
      { cause: error },
    );
  }
  return { kioskPage, visitorPage };
}

/**
 * The kiosk's side of the way into a call: the demo inmate signs in, starts the visit with this
 * visitor and acknowledges the notice. The kiosk then waits for the visitor.
 */
export async function startVisitAtKiosk(
  kioskPage: Page,
  { kioskUrl, visitor, language = 'en' }: Pick<CallOptions, 'kioskUrl' | 'visitor' | 'language'>,
): Promise<void> {
  const say = words[language];
  await kioskPage.goto(kioskUrl);
  if (language !== 'en') await chooseLanguage(kioskPage, language);
  await signInAs(kioskPage, language, demo.inmate.id, demo.inmate.pin);
  await kioskPage
    .getByRole('listitem')
    .filter({ hasText: visitor })
    .getByRole('button', { name: say.startVisit })
    .click();
  await kioskPage.getByRole('button', { name: say.acknowledge }).click();
}

/** Resolves once the kiosk shows the call with the visitor in it (no overlay left), not only decoding. */
export async function waitForKioskInCall(kioskPage: Page, language: KioskLanguage = 'en'): Promise<void> {
  // Bounded well inside a test's timeout, which closes the pages before they could be described.
  await kioskPage.getByRole('button', { name: words[language].hangUp }).waitFor({ timeout: 30_000 });
  // Both sides must be in the call, not only decoding: a side left 'waiting' has no stall handling.
  await kioskPage.locator('.call-overlay').waitFor({ state: 'detached', timeout: 20_000 });
}

/**
 * What each page shows and the last console lines, for a failure's message: CI prints the message,
 * while the attachments stay on the machine that ran it.
 */
async function describeScreens(pages: Record<string, Page>, log: readonly string[] | undefined): Promise<string> {
  const screens = await Promise.all(
    Object.entries(pages).map(async ([side, page]) => {
      const text = await page
        .locator('body')
        .innerText({ timeout: 2000 })
        .catch((error: unknown) => `(unreadable: ${(error as Error).message.split('\n')[0]})`);
      return `${side} page (${page.url()}) shows:\n${text.slice(0, 1500)}`;
    }),
  );
  const lastLines = log === undefined ? [] : ['console, last lines:', ...log.slice(-30)];
  return [...screens, ...lastLines].join('\n');
}

/** Appends the page's console messages and uncaught errors to `into`, each with the time and side. */
export function recordConsole(page: Page, side: string, into: string[]): void {
  const stamp = (): string => new Date().toISOString().slice(11, 23);
  page.on('console', (message) => into.push(`${stamp()} ${side} ${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => into.push(`${stamp()} ${side} uncaught: ${error.stack ?? error.message}`));
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

/**
 * A visit booked for the demo inmate with this visitor (ten minutes unless `lastsMs` says), and
 * both sides taken into its call (`startCall`).
 */
export async function startBookedCall(
  browser: Browser,
  server: Pick<ReferenceServer, 'admin' | 'visitorLink'>,
  kioskUrl: string,
  visitor: { firstName: string; lastName: string },
  options: Omit<CallOptions, 'kioskUrl' | 'visitorLink' | 'visitor'> & { lastsMs?: number } = {},
): Promise<{ visit: ScheduledVisit & { visitorName: string }; call: Call }> {
  const { lastsMs = 10 * 60_000, ...callOptions } = options;
  const visit = await bookVisit(server.admin, visitor, lastsMs);
  const call = await startCall(browser, {
    kioskUrl,
    visitorLink: server.visitorLink(visit.visitorCode),
    visitor: visit.visitorName,
    ...callOptions,
  });
  return { visit, call };
}
