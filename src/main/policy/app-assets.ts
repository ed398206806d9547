import { isAbsolute, relative, resolve } from 'node:path';
import { appHost, appScheme } from './app-origin';

export type AssetResolution = { allow: true; path: string } | { allow: false; reason: string };

/**
 * Maps an app:// URL to a file under the renderer's folder. Pure: the adapter must still compare
 * real paths with `isInsideRoot`, because a symlink inside the folder could point anywhere.
 */
export function resolveAppAsset(url: string, rootDir: string): AssetResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { allow: false, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${appScheme}:`)
    return { allow: false, reason: `scheme ${parsed.protocol} is not the app's` };
  if (parsed.host !== appHost) return { allow: false, reason: `host ${parsed.host.slice(0, 50)} is not the app's` };
  return resolveAssetPath(parsed.pathname, rootDir);
}

/** Maps a URL path (still percent-encoded) to a file under `rootDir`; `/` is the app's entry. */
export function resolveAssetPath(encodedPathname: string, rootDir: string): AssetResolution {
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPathname);
  } catch {
    return { allow: false, reason: 'malformed percent-encoding' };
  }
  if (pathname.includes('\0') || pathname.includes('\\'))
    return { allow: false, reason: 'forbidden character in path' };
  if (pathname.split('/').includes('..')) return { allow: false, reason: 'path climbs out of the app' };
  const relativePath = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const path = resolve(rootDir, relativePath);
  if (!isInsideRoot(path, rootDir)) return { allow: false, reason: 'path is outside the app' };
  return { allow: true, path };
}

export function isInsideRoot(path: string, rootDir: string): boolean {
  const fromRoot = relative(resolve(rootDir), resolve(path));
  return fromRoot !== '' && !fromRoot.startsWith('..') && !isAbsolute(fromRoot);
}
