export const ELECTRON_DEFAULT_WIRE: string;
export function standInElectronBinary(wire?: string): Buffer;
export function writeStandInElectron(dir: string): string;
