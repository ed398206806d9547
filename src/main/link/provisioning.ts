import type { ConfigStore } from '../store/config-store';
import type { Logger } from '../log/logger';
import { decideServerUrl } from '../policy/server-url';
import { enrol } from './enrolment';

export interface ServerIdentity {
  serverUrl: string;
  token: string;
}

export interface ProvisioningInput {
  /** From the environment; overrides the provisioned server (a bench kiosk, the demo). */
  serverUrl: string | undefined;
  enrolmentCode: string | undefined;
  /** See `decideServerUrl`; false unless the environment says otherwise. */
  allowPlainHttp?: boolean;
}

/** The environment's server, or else the one the kiosk was provisioned with. */
function provisionedServerUrl(config: ConfigStore, input: ProvisioningInput): string | undefined {
  return input.serverUrl ?? config.get('serverUrl');
}

/** Whether the kiosk refuses its server's address as not secure (`decideServerUrl`), which sign-in then says. */
export function serverNotSecure(config: ConfigStore, input: ProvisioningInput): boolean {
  const serverUrl = provisionedServerUrl(config, input);
  return serverUrl !== undefined && !decideServerUrl(serverUrl, input.allowPlainHttp === true).allow;
}

/**
 * The server this kiosk talks to and its token there. A kiosk enrols once per server and keeps the
 * token in its store, so a restart never needs the (possibly single-use) enrolment code again.
 * Undefined when the kiosk is not provisioned for any server, the server is not https (loopback
 * aside) or enrolment failed; the kiosk then runs and says visits are unavailable rather than
 * refusing to start.
 */
export async function resolveServerIdentity(
  config: ConfigStore,
  input: ProvisioningInput,
  log: Logger,
): Promise<ServerIdentity | undefined> {
  const serverUrl = provisionedServerUrl(config, input);
  if (serverUrl === undefined) {
    log.warn('no visitation server is provisioned');
    return undefined;
  }
  const transport = decideServerUrl(serverUrl, input.allowPlainHttp === true);
  if (!transport.allow) {
    log.error({ serverUrl, reason: transport.reason }, 'visitation server refused: it must use https');
    return undefined;
  }
  const token = config.get('kioskToken');
  if (token !== undefined && config.get('serverUrl') === serverUrl) return { serverUrl, token };
  if (input.enrolmentCode === undefined) {
    log.error({ serverUrl }, 'not enrolled with the visitation server and no enrolment code was given');
    return undefined;
  }
  try {
    const enrolled = await enrol(serverUrl, input.enrolmentCode);
    config.set({
      serverUrl,
      kioskId: enrolled.kioskId,
      kioskToken: enrolled.token,
      housingUnit: enrolled.housingUnit.id,
    });
    log.info(
      { kioskId: enrolled.kioskId, housingUnit: enrolled.housingUnit.id },
      'enrolled with the visitation server',
    );
    return { serverUrl, token: enrolled.token };
  } catch (error) {
    log.error({ err: error, serverUrl }, 'enrolment failed');
    return undefined;
  }
}
