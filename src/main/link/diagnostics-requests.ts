import type { DiagnosticsBundle, DiagnosticsRequest } from '../../shared/protocol/diagnostics';
import { actorName } from '../staff/staff-actions';
import type { AuditLog } from '../store/audit-log';
import type { ControlLink } from './control-link';

/**
 * Answers the server's requests for a diagnostics bundle. Each collection is audited on the kiosk
 * with who asked, so a bundle never leaves unrecorded; a bundle that cannot be collected answers
 * `internal` through the responder and the console says it failed.
 */
export function answerDiagnosticsRequests(
  link: ControlLink,
  deps: { collect: () => Promise<DiagnosticsBundle>; audit: Pick<AuditLog, 'record'> },
): () => void {
  return link.rpc.handle('diagnostics.collect', async ({ id, by }: DiagnosticsRequest) => {
    const bundle = await deps.collect();
    deps.audit.record({
      action: 'diagnostics.collected',
      actor: actorName({ staffId: by?.staffId ?? null, role: by?.role ?? null, where: by?.where ?? 'console' }),
      detail: { requestId: id, where: by?.where ?? 'server', logLines: bundle.log.lines.length },
    });
    return bundle;
  });
}
