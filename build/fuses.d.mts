import type { FuseConfig, FuseV1Options } from '@electron/fuses';

export const kioskFuseDecisions: { fuse: keyof typeof FuseV1Options; enabled: boolean }[];
export function kioskFuseConfig(): FuseConfig;
export function fuseBinaryPath(context: {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName: string; appInfo: { productFilename: string } };
}): string;
export function flipKioskFuses(path: string): ReturnType<typeof import('@electron/fuses').getCurrentFuseWire>;
