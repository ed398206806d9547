import type { KioskMoveFailure } from '../../shared/contract/kiosk';
import type { Logger } from '../log/logger';
import type { MoveServer } from '../staff/kiosk-move';
import type { ControlLink } from './control-link';

type ServerRefusal = Extract<KioskMoveFailure, 'in_visit' | 'server_refused' | 'unit_gone' | 'server_unreachable'>;

/** The server's refusals as the panel words them; anything else means no answer worth trusting came. */
const refusals: Partial<Record<string, ServerRefusal>> = {
  not_permitted: 'server_refused',
  visit_in_progress: 'in_visit',
  not_found: 'unit_gone',
};

/** `kiosk.housingUnits` and `kiosk.move` over the control channel. */
export function moveOverLink(link: ControlLink, log: Logger): MoveServer {
  const refusal = (code: string): ServerRefusal => {
    log.warn({ code }, 'the server did not move the kiosk');
    return refusals[code] ?? 'server_unreachable';
  };
  return {
    async housingUnits(by) {
      const answer = await link.rpc.request('kiosk.housingUnits', { by });
      return answer.ok
        ? { ok: true as const, ...answer.result }
        : { ok: false as const, reason: refusal(answer.error.code) };
    },
    async move(request) {
      const answer = await link.rpc.request('kiosk.move', request);
      if (!answer.ok) return { ok: false as const, reason: refusal(answer.error.code) };
      const { housingUnit, location } = answer.result;
      return { ok: true as const, placement: { housingUnit, location } };
    },
  };
}
