import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { demoMediaEnv } from '../../../scripts/demo-media-address.mjs';

const loopback: NetworkInterfaceInfo = {
  address: '127.0.0.1',
  netmask: '255.0.0.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal: true,
  cidr: '127.0.0.1/8',
};
const lan = (address: string, family: 'IPv4' | 'IPv6' = 'IPv4'): NetworkInterfaceInfo =>
  ({ ...loopback, address, family, internal: false, cidr: `${address}/24`, scopeid: 0 }) as NetworkInterfaceInfo;

describe("npm start's media address for the demo server", () => {
  it('listens on every interface and announces the first non-internal IPv4 address', () => {
    const interfaces = { lo: [loopback], eth0: [lan('fe80::1', 'IPv6'), lan('192.168.1.20')], eth1: [lan('10.0.0.5')] };
    expect(demoMediaEnv({}, interfaces)).toEqual({
      VISITATION_MEDIA_LISTEN_IP: '0.0.0.0',
      VISITATION_MEDIA_ANNOUNCED_IP: '192.168.1.20',
    });
  });

  it("leaves the server's loopback default on a machine with loopback alone", () => {
    expect(demoMediaEnv({}, { lo: [loopback] })).toEqual({});
  });

  it('never overrides what the operator set', () => {
    const interfaces = { lo: [loopback], eth0: [lan('192.168.1.20')] };
    expect(demoMediaEnv({ VISITATION_MEDIA_LISTEN_IP: '127.0.0.1' }, interfaces)).toEqual({});
    expect(demoMediaEnv({ VISITATION_MEDIA_ANNOUNCED_IP: 'kiosk.example' }, interfaces)).toEqual({});
  });
});
