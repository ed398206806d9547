/** The renderer is served from this custom scheme, never from file://, so its origin is ours alone. */
export const appScheme = 'app';
export const appHost = 'kiosk';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** Parses without throwing; a string that is not a URL belongs to no origin. */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    // Custom schemes report origin "null" in WHATWG URL; compare scheme and host instead.
    return parsed.protocol === `${appScheme}:` ? `${appScheme}://${parsed.host}` : parsed.origin;
  } catch {
    return undefined;
  }
}

export function isAppUrl(url: string): boolean {
  return originOf(url) === appOrigin;
}
