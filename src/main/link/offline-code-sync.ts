import type { ControlLink } from './control-link';
import type { Logger } from '../log/logger';
import type { StaffStore } from '../store/staff-store';

/**
 * Keeps the housing unit's offline code verifiers in the store: fetched on every (re)connection and
 * whenever the server says they changed, so they are there when the link is not.
 */
export function syncOfflineCodes(
  link: ControlLink,
  store: Pick<StaffStore, 'replaceVerifiers'>,
  log: Logger,
): () => void {
  const fetch = async (): Promise<void> => {
    const answer = await link.rpc.request('staff.offlineCodes', {});
    if (!answer.ok) {
      log.warn({ code: answer.error.code }, 'could not fetch the offline codes');
      return;
    }
    try {
      store.replaceVerifiers(answer.result.verifiers);
      log.info({ count: answer.result.verifiers.length }, 'offline codes updated');
    } catch (error) {
      log.error({ err: error }, 'could not store the offline codes');
    }
  };
  const stopConnect = link.onConnect(() => void fetch());
  const stopChanged = link.rpc.on('staff.offlineCodesChanged', () => void fetch());
  if (link.connected) void fetch();
  return () => {
    stopConnect();
    stopChanged();
  };
}
