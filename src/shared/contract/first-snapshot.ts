/**
 * The id of the `<script type="application/json">` data block in which a host may hand the page its
 * first snapshot with the HTML itself, so the first screen is drawn without waiting for the
 * contract to open. A data block is never executed, so the CSP's ban on inline script still holds.
 */
export const firstSnapshotElementId = 'kiosk-first-snapshot';
