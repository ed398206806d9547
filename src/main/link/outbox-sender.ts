import type { SendOutboxBatch } from '../store/outbox-delivery';
import type { ControlLink } from './control-link';

/** The outbox's network side: one batch per `outbox.deliver` request, its per-record acks back. */
export function sendOutboxOverLink(link: ControlLink): SendOutboxBatch {
  return async (records) => {
    const answer = await link.rpc.request('outbox.deliver', { records });
    if (!answer.ok) throw new Error(`outbox delivery refused: ${answer.error.code}: ${answer.error.message}`);
    return answer.result.acks;
  };
}
