import type { Logger } from '../log/logger';
import type { AuditEntry } from '../store/audit-log';
import type { HostReboot } from './logind-reboot';

export interface RebootOnRequestDeps {
  host: HostReboot;
  audit: { record(entry: AuditEntry): unknown };
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/**
 * Staff's `reboot` as the host carries it out, or undefined (the action answers `not_supported`)
 * when logind would not reboot for this user: asked once at start, so the console's answer says
 * what the OS session allows rather than "accepted" and nothing. The returned function runs after
 * the command's answer and audit entry are committed (synchronous=FULL: on disk, in the outbox),
 * so the server hears of the reboot once the kiosk is back even if the answer is lost with the
 * shutdown. A reboot logind refuses all the same is audited, and the kiosk stays up.
 */
export async function rebootOnRequest({ host, audit, log }: RebootOnRequestDeps): Promise<(() => void) | undefined> {
  const permitted = await host.check();
  if (!permitted.ok) {
    log.warn({ reason: permitted.message }, 'reboot from the console is not available on this host');
    return undefined;
  }
  return () =>
    void host
      .reboot()
      .then((result) => {
        if (result.ok) {
          log.info('reboot requested from logind on staff request');
          return;
        }
        log.error({ reason: result.message }, 'logind refused the reboot; the kiosk stays up');
        audit.record({ action: 'staff.reboot_failed', actor: 'kiosk', detail: { reason: result.message } });
      })
      .catch((error: unknown) => log.error({ err: error }, 'could not record that the reboot failed'));
}
