import type { KioskDecommissionRequest } from '../../shared/protocol/control';
import type { Logger } from '../log/logger';
import type { ServerVerdict } from '../staff/decommission';
import type { ControlLink } from './control-link';

/** `kiosk.decommission` over the control channel: only the server's answer lets the kiosk wipe itself. */
export function decommissionOverLink(
  link: ControlLink,
  log: Logger,
): (request: KioskDecommissionRequest) => Promise<ServerVerdict> {
  return async (request) => {
    const answer = await link.rpc.request('kiosk.decommission', request);
    if (answer.ok) return 'decommissioned';
    log.warn({ code: answer.error.code }, 'the server did not record the decommission');
    return answer.error.code === 'not_permitted' ? 'refused' : 'unreachable';
  };
}
