import type { KioskCommand, KioskCommandAck } from '../../shared/protocol/control';
import type { StaffMessageBoard } from '../kiosk/staff-message';
import type { AuditEntry } from '../store/audit-log';
import type { ControlLink } from './control-link';

/**
 * Carries out the server's remote commands and audits each one. Commands the contract does not
 * know never get here: the responder answers them `invalid_request` with the reason.
 */
export function handleCommands(
  link: ControlLink,
  deps: { messages: StaffMessageBoard; audit: { record(entry: AuditEntry): unknown } },
): () => void {
  return link.rpc.handle('command', ({ id, action }: KioskCommand): KioskCommandAck => {
    if (action.type !== 'show_message') {
      // Officer mode brings the other staff actions; until then they are refused, and audited as such.
      deps.audit.record({ action: 'command.refused', actor: 'server', detail: { commandId: id, type: action.type } });
      return { id, status: 'refused', reason: 'not_permitted' };
    }
    deps.messages.show({ id, text: action.text });
    deps.audit.record({ action: 'command.show_message', actor: 'server', detail: { commandId: id } });
    return { id, status: 'accepted' };
  });
}
