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
  return link.rpc.handle('command', (command: KioskCommand): KioskCommandAck => {
    switch (command.type) {
      case 'show_message':
        deps.messages.show({ id: command.id, text: command.text });
        deps.audit.record({ action: 'command.show_message', actor: 'server', detail: { commandId: command.id } });
        return { id: command.id, status: 'accepted' };
    }
  });
}
