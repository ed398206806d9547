import type { NetworkInterfaceInfo } from 'node:os';

export function demoMediaEnv(
  env: Record<string, string | undefined>,
  interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>,
): Record<string, string>;
