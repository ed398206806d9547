import {
  certificateFingerprintSchema,
  type CertificateFingerprint,
  type ServerCheckFailure,
  type ServerCheckResult,
} from '../../shared/contract/setup';
import { helloResponseSchema, kioskProtocolVersion } from '../../shared/protocol/http';
import { classifyNetworkError } from './probe-failure';
import { parseServerAddress } from './server-address';
import { probeHello, type ProbeOptions, type ProbeOutcome } from './server-probe';

/** How long a technician waits for an answer at most; the screen counts it down. */
export const serverCheckTimeoutMs = 10_000;

export interface ServerCheckOptions {
  /** `decideServerUrl`'s exception for the project's test networks. */
  allowPlainHttp: boolean;
  timeoutMs?: number;
  /** The facility's fingerprint for the server's certificate, where the kiosk was given one. */
  expectedFingerprint?: CertificateFingerprint | null;
  /** Certificate authorities to trust instead of the system's: tests only. */
  ca?: string;
  probe?: (url: URL, options: ProbeOptions) => Promise<ProbeOutcome>;
}

/**
 * Checks the address a technician typed before setup goes on: a usable and secure address, a server
 * that answers in time, a valid certificate for https (and the expected one, when there is one), and
 * a visitation server that speaks this build's kiosk protocol. Never throws: every failure is a
 * reason the setup screen puts in words.
 */
export async function checkServer(typed: string, options: ServerCheckOptions): Promise<ServerCheckResult> {
  const address = parseServerAddress(typed, options.allowPlainHttp);
  if (!address.ok) return failure(address.reason);
  const probe = options.probe ?? probeHello;
  const outcome = await probe(address.url, {
    timeoutMs: options.timeoutMs ?? serverCheckTimeoutMs,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  return judgeHello(address.url, outcome, options.expectedFingerprint ?? null);
}

/** What the probe's outcome means for setup. The certificate is judged before anything it carried. */
export function judgeHello(
  url: URL,
  outcome: ProbeOutcome,
  expectedFingerprint: CertificateFingerprint | null,
): ServerCheckResult {
  if (outcome.kind === 'failed')
    return failure(classifyNetworkError(outcome.code), { code: technicalCode(outcome.code) });
  const secure = url.protocol === 'https:';
  const fingerprint = secure ? certificateFingerprintSchema.safeParse(outcome.fingerprint).data : undefined;
  if (secure && fingerprint === undefined) return failure('tls_failed');
  if (fingerprint !== undefined && expectedFingerprint !== null && fingerprint !== expectedFingerprint) {
    return failure('fingerprint_mismatch', { fingerprint });
  }
  if (outcome.status !== 200 || outcome.body === null) return failure('not_a_visitation_server');
  const hello = helloResponseSchema.safeParse(parseJson(outcome.body));
  if (!hello.success) return failure('not_a_visitation_server');
  if (!hello.data.protocolVersions.includes(kioskProtocolVersion)) {
    return failure('wrong_protocol_version', { serverVersions: hello.data.protocolVersions });
  }
  return { ok: true, serverUrl: url.origin, fingerprint: fingerprint ?? null, protocolVersion: kioskProtocolVersion };
}

function failure(
  reason: ServerCheckFailure,
  more: Partial<Pick<Extract<ServerCheckResult, { ok: false }>, 'code' | 'serverVersions' | 'fingerprint'>> = {},
): ServerCheckResult {
  return { ok: false, reason, code: null, serverVersions: [], fingerprint: null, ...more };
}

/** Only a code's own shape is passed on; anything else could be text from the other end. */
function technicalCode(code: string | undefined): string | null {
  return code !== undefined && /^[A-Z0-9_]{1,60}$/.test(code) ? code : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
