export function readableLog(options: {
  logFile: string;
  name: string;
  write?: (text: string) => void;
  colorize?: boolean;
}): (chunk: Buffer | string) => void;
