import type { ConsoleHousingUnit } from '../../../src/shared/protocol/console';
import { rankByTrouble, type Trouble } from './fleet-trouble';
import { inmateErrorText, type Strings } from './i18n';

function troubleText(t: Strings, trouble: Trouble, formatTime: (iso: string) => string): string {
  const say = t.fleet;
  switch (trouble.kind) {
    case 'offline':
      return trouble.since === null ? say.offlineNever : say.offlineSince(formatTime(trouble.since));
    case 'device':
      return say.device(trouble.device, trouble.health);
    case 'outbox':
      return say.outbox(trouble.pending);
    case 'lostMinutes':
      return say.lostMinutes(trouble.minutes);
    case 'inmateError':
      return say.inmateError(inmateErrorText(t, trouble.code), formatTime(trouble.at));
  }
}

/** The whole facility's kiosks in one table, the ones that need attention at the top. */
export function FleetView(props: {
  t: Strings;
  units: readonly ConsoleHousingUnit[];
  serverTime: string;
  formatTime(iso: string): string;
}) {
  const { t, formatTime } = props;
  const ranked = rankByTrouble(props.units, new Date(props.serverTime));
  return (
    <section aria-labelledby="fleet-heading" className="fleet">
      <h2 id="fleet-heading">{t.fleet.heading}</h2>
      <p className="note">{t.fleet.explain}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.fleet.kiosk}</th>
            <th scope="col">{t.fleet.unit}</th>
            <th scope="col">{t.fleet.trouble}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.map(({ kiosk, unitName, troubles }) => (
            <tr key={kiosk.kioskId} className={troubles.length === 0 ? '' : 'has-trouble'}>
              <td>{kiosk.kioskId}</td>
              <td>{unitName}</td>
              <td>
                {troubles.length === 0
                  ? t.fleet.nothing
                  : troubles.map((trouble) => troubleText(t, trouble, formatTime)).join('; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
