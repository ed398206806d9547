import { useEffect, useEffectEvent, useState } from 'react';
import type { MediaCheckMeasurement } from '../../shared/contract/media-check';
import type { CheckStep } from '../../shared/contract/setup';
import { runMediaCheckCall, type MediaCheckProgress } from './media-check-call';
import type { LocalMedia } from './use-local-media';

/**
 * Runs the test call of each check main opened (first boot's or a technician's at the panel) with
 * the kiosk's own camera and microphone, reports what it measured, and says how far it got.
 */
export function useMediaCheckCall(
  check: CheckStep,
  localMedia: LocalMedia | null,
  onReport: (measurement: MediaCheckMeasurement) => void,
): MediaCheckProgress {
  const [progressOf, setProgressOf] = useState<{ checkId: string; progress: MediaCheckProgress } | null>(null);
  const localStream = useEffectEvent(() =>
    localMedia !== null && localMedia.tracks.length > 0 ? localMedia.stream : null,
  );
  const report = useEffectEvent(onReport);

  const checkId = check.status === 'running' ? check.checkId : null;
  const serverUrl = check.status === 'running' ? check.serverUrl : null;
  const ticket = check.status === 'running' ? check.ticket : null;
  useEffect(() => {
    if (checkId === null || serverUrl === null || ticket === null) return;
    const abort = new AbortController();
    void runMediaCheckCall({
      serverUrl,
      checkId,
      ticket,
      localStream: () => localStream(),
      onProgress: (progress) => setProgressOf({ checkId, progress }),
      signal: abort.signal,
    }).then((measurement) => {
      if (!abort.signal.aborted) report(measurement);
    });
    return () => abort.abort();
  }, [checkId, serverUrl, ticket]);

  return progressOf !== null && progressOf.checkId === checkId ? progressOf.progress : 'camera';
}
