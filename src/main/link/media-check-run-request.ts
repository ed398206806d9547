import type { MediaCheckRunRequest } from '../../shared/protocol/media-check-run';
import type { ConsoleCheck } from '../staff/console-check';
import type { ControlLink } from './control-link';

/** Answers the console's `mediaCheck.run` over the control link, once the kiosk has judged and stored the check. */
export function answerMediaCheckRuns(link: ControlLink, check: ConsoleCheck): () => void {
  return link.rpc.handle('mediaCheck.run', (request: MediaCheckRunRequest) => check.request(request));
}
