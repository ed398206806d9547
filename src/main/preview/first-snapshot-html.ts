import { firstSnapshotElementId } from '../../shared/contract/first-snapshot';
import { kioskSnapshotSchema, type KioskSnapshot } from '../../shared/contract/kiosk';
import { decideFirstSnapshot } from '../policy/first-snapshot';
import type { PageRewrite } from './static-files';

/**
 * Hands the page main's snapshot with its HTML when `decideFirstSnapshot` allows it, so the first
 * screen is drawn as soon as the bundle has run: the contract's socket opens only after that, and
 * its first answer came a round trip later still. That answer replaces this one when it comes.
 */
export function embedFirstSnapshot(snapshot: () => KioskSnapshot, ownOrigins: () => readonly string[]): PageRewrite {
  return (html, request) => {
    // Checked against the contract like every answer main gives the renderer.
    const checked = kioskSnapshotSchema.safeParse(snapshot());
    if (!checked.success) return html;
    const host = request.headers.host;
    const pageOrigin = host === undefined ? undefined : `http://${host}`;
    return decideFirstSnapshot(checked.data, pageOrigin, ownOrigins()).allow ? withSnapshot(html, checked.data) : html;
  };
}

/** `<` is escaped so that no string in the snapshot can close its data block early. */
function withSnapshot(html: string, snapshot: KioskSnapshot): string {
  const json = JSON.stringify(snapshot).replace(/</g, '\\u003c');
  return html.replace(
    '</head>',
    `<script type="application/json" id="${firstSnapshotElementId}">${json}</script></head>`,
  );
}
