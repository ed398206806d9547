import type { ServerCheckFailure } from '../../shared/contract/setup';

/** The failures a network error can mean; the rest come from the address itself or the server's answer. */
export type NetworkFailure = Exclude<
  ServerCheckFailure,
  'invalid_address' | 'not_secure' | 'fingerprint_mismatch' | 'wrong_protocol_version'
>;

const byCode: Record<string, NetworkFailure> = {
  ENOTFOUND: 'dns_not_found',
  EAI_NONAME: 'dns_not_found',
  EAI_NODATA: 'dns_not_found',
  EAI_AGAIN: 'dns_unavailable',
  EAI_FAIL: 'dns_unavailable',
  EHOSTUNREACH: 'no_route',
  ENETUNREACH: 'no_route',
  EHOSTDOWN: 'no_route',
  ENETDOWN: 'no_route',
  ETIMEDOUT: 'timed_out',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'connection_lost',
  EPIPE: 'connection_lost',
  ECONNABORTED: 'connection_lost',
  // OpenSSL's verification codes, as Node reports them on the socket error.
  DEPTH_ZERO_SELF_SIGNED_CERT: 'tls_untrusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'tls_untrusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tls_untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'tls_untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tls_untrusted',
  CERT_UNTRUSTED: 'tls_untrusted',
  CERT_REVOKED: 'tls_untrusted',
  CERT_SIGNATURE_FAILURE: 'tls_untrusted',
  CERT_HAS_EXPIRED: 'tls_expired',
  CERT_NOT_YET_VALID: 'tls_not_yet_valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'tls_name_mismatch',
  HOSTNAME_MISMATCH: 'tls_name_mismatch',
};

/**
 * What a failed connection means to a technician, from the error's code alone: the message and the
 * stack are for the log. An unknown TLS or OpenSSL code is a TLS failure, an HTTP parser's code
 * means the other end is no web server, and any other unknown code is a lost connection, the one
 * thing all of them have in common.
 */
export function classifyNetworkError(code: string | undefined): NetworkFailure {
  if (code === undefined) return 'connection_lost';
  if (Object.hasOwn(byCode, code)) return byCode[code] as NetworkFailure;
  // Node's HTTP parser: whatever answered does not speak HTTP.
  if (code.startsWith('HPE_')) return 'not_a_visitation_server';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') return 'tls_failed';
  return 'connection_lost';
}
