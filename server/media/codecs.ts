import type { types as ms } from 'mediasoup';

/**
 * What every visit room's router offers: Opus for voice; VP8, and H264 for devices that only encode
 * that. Opus asks for in-band FEC: mediasoup-client writes the router's parameters into the answer
 * its sender reads, so even a client that set no codec options sends FEC.
 */
export const mediaCodecs: ms.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 1000 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];
