import type { DeviceChoices } from '../devices/device-choices';
import { originOf } from './app-origin';
import { allow, deny, type Decision } from './decision';

export interface MediaAllowance {
  audio: boolean;
  video: boolean;
}

/**
 * Camera and microphone only for the media types of the devices the device service holds: video
 * once a camera is chosen, audio once a microphone (the cabinet's or the handset's) is. Before it
 * has chosen anything at all (a kiosk's first start) both are allowed, since the default rule can
 * only choose among devices the page may list with their labels.
 */
export function provisionedMedia(choices: DeviceChoices): MediaAllowance {
  const firstStart = Object.keys(choices).length === 0;
  return {
    video: firstStart || choices.camera !== undefined,
    audio: firstStart || choices.microphone !== undefined || choices.handsetMicrophone !== undefined,
  };
}

export interface PermissionRequest {
  permission: string;
  requestingUrl: string;
  isMainFrame: boolean;
  /** Which media a `media` request wants; Electron leaves it empty when it cannot tell. */
  mediaTypes: readonly string[];
}

export interface PermissionCheck {
  permission: string;
  requestingOrigin: string;
  isMainFrame: boolean;
  mediaType: string | undefined;
}

export interface PermissionPolicy {
  appOrigin: string;
  media: MediaAllowance;
}

/** Camera and microphone, for the app's own top-level page, as provisioned; nothing else, ever. */
export function decidePermissionRequest(request: PermissionRequest, policy: PermissionPolicy): Decision {
  const source = checkSource(request.permission, originOf(request.requestingUrl), request.isMainFrame, policy);
  if (!source.allow) return source;
  if (request.mediaTypes.length === 0) return deny('media request without media types is refused');
  for (const type of request.mediaTypes) {
    const decision = decideMediaType(type, policy.media);
    if (!decision.allow) return decision;
  }
  return allow;
}

export function decidePermissionCheck(check: PermissionCheck, policy: PermissionPolicy): Decision {
  const source = checkSource(check.permission, originOf(check.requestingOrigin), check.isMainFrame, policy);
  if (!source.allow) return source;
  return decideMediaType(check.mediaType ?? 'unknown', policy.media);
}

function checkSource(
  permission: string,
  origin: string | undefined,
  isMainFrame: boolean,
  policy: PermissionPolicy,
): Decision {
  if (permission !== 'media') return deny(`permission "${permission.slice(0, 50)}" is never granted`);
  if (origin !== policy.appOrigin) return deny(`media is refused to origin ${origin ?? '(none)'}`);
  if (!isMainFrame) return deny('media is refused to subframes');
  return allow;
}

function decideMediaType(type: string, media: MediaAllowance): Decision {
  if (type === 'audio') return media.audio ? allow : deny('microphone is not provisioned on this kiosk');
  if (type === 'video') return media.video ? allow : deny('camera is not provisioned on this kiosk');
  return deny(`media type "${type.slice(0, 30)}" is refused`);
}
