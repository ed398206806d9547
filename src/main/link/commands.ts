import type { KioskCommand, KioskCommandAck } from '../../shared/protocol/control';
import type { StaffActions } from '../staff/staff-actions';
import type { StaffStore } from '../store/staff-store';
import type { ControlLink } from './control-link';

export interface CommandDeps {
  actions: StaffActions;
  /** Where each command's answer is kept, in the same transaction as the change it made. */
  commands: Pick<StaffStore, 'commandAnswer' | 'recordCommand'>;
}

/**
 * Carries out one remote command exactly once: a command ID already carried out (redelivered, or
 * sent again after a kiosk restart that came between applying it and acknowledging it) gets the
 * answer stored with it and changes nothing. The answer is returned only after it is stored.
 */
export function carryOutCommand({ id, by, action }: KioskCommand, deps: CommandDeps): KioskCommandAck {
  const earlier = deps.commands.commandAnswer(id);
  if (earlier !== undefined) return earlier;
  let stored: KioskCommandAck | undefined;
  deps.actions.perform(
    action,
    { staffId: by?.staffId ?? null, role: by?.role ?? null, where: by?.where ?? 'console' },
    {
      id,
      store: (answer) => {
        stored = { id, ...answer };
        deps.commands.recordCommand(id, action.type, stored);
      },
    },
  );
  if (stored === undefined) throw new Error(`command ${id} was carried out but its answer was not stored`);
  return stored;
}

/**
 * The server's remote commands over the control channel. Commands the contract does not know never
 * get here: the responder answers them `invalid_request` with the reason. A store that cannot write
 * throws, the responder answers `internal`, and the server may send the same ID again.
 */
export function handleCommands(link: ControlLink, deps: CommandDeps): () => void {
  return link.rpc.handle('command', (command: KioskCommand): KioskCommandAck => carryOutCommand(command, deps));
}
