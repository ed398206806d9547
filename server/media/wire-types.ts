import type { types as ms } from 'mediasoup';
import type { RtpCapabilities, RtpParameters } from 'mediasoup-client/types';
import type { z } from 'zod';
import type { dtlsParametersSchema } from '../../src/shared/protocol/media';

/**
 * mediasoup and mediasoup-client declare the same wire objects slightly differently (a `string`
 * here is a literal union there, an optional field is required). These assertions only bridge the
 * declarations: every result is checked against the protocol's schemas before it is sent.
 */
export const toClientRtpCapabilities = (value: ms.RtpCapabilities): RtpCapabilities =>
  value as unknown as RtpCapabilities;
export const toClientRtpParameters = (value: ms.RtpParameters): RtpParameters => value as unknown as RtpParameters;
export const toClientDtlsParameters = (value: ms.DtlsParameters): z.input<typeof dtlsParametersSchema> =>
  value as z.input<typeof dtlsParametersSchema>;
