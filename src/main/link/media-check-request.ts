import type { Logger } from '../log/logger';
import { roomFrom, type MediaCheckRoom } from '../provisioning/media-check-room';
import type { ControlLink } from './control-link';

/**
 * `mediaCheck.open` over the kiosk's control link in service. A second control connection of its
 * own, as first boot uses, would replace the link: the server keeps one connection per kiosk.
 */
export function mediaCheckOverLink(link: ControlLink, log: Logger): () => Promise<MediaCheckRoom> {
  return async () => {
    if (!link.connected) return { ok: false, reason: 'unreachable' };
    return roomFrom(await link.rpc.request('mediaCheck.open', {}), log);
  };
}
