import { describe, expect, it } from 'vitest';
import { decidePermissionCheck, decidePermissionRequest, provisionedMedia } from '../../../src/main/policy/permissions';

const policy = { appOrigin: 'app://kiosk', media: { audio: true, video: true } };
const request = {
  permission: 'media',
  requestingUrl: 'app://kiosk/index.html',
  isMainFrame: true,
  mediaTypes: ['audio', 'video'],
};

describe('permission requests', () => {
  it('grants camera and microphone to the app page', () => {
    expect(decidePermissionRequest(request, policy)).toEqual({ allow: true });
  });

  it.each([
    [{ ...request, permission: 'geolocation' }, 'never granted'],
    [{ ...request, permission: 'notifications' }, 'never granted'],
    [{ ...request, permission: 'display-capture' }, 'never granted'],
    [{ ...request, permission: 'clipboard-read' }, 'never granted'],
    [{ ...request, requestingUrl: 'https://evil.example/' }, 'refused to origin https://evil.example'],
    [{ ...request, isMainFrame: false }, 'subframes'],
    [{ ...request, mediaTypes: [] }, 'without media types'],
    [{ ...request, mediaTypes: ['screen'] }, 'media type "screen"'],
  ])('refuses %o', (query, reason) => {
    const decision = decidePermissionRequest(query, policy);
    expect(decision.allow ? '' : decision.reason).toContain(reason);
  });

  it('follows provisioning: a kiosk without a camera never grants video', () => {
    const noCamera = { ...policy, media: { audio: true, video: false } };
    expect(decidePermissionRequest(request, noCamera)).toEqual({
      allow: false,
      reason: 'camera is not provisioned on this kiosk',
    });
    expect(decidePermissionRequest({ ...request, mediaTypes: ['audio'] }, noCamera)).toEqual({ allow: true });
  });
});

describe('permission checks', () => {
  const check = { permission: 'media', requestingOrigin: 'app://kiosk', isMainFrame: true, mediaType: 'video' };

  it('answers checks the same way as requests', () => {
    expect(decidePermissionCheck(check, policy).allow).toBe(true);
    expect(decidePermissionCheck({ ...check, mediaType: undefined }, policy).allow).toBe(false);
    expect(decidePermissionCheck({ ...check, requestingOrigin: 'http://127.0.0.1' }, policy).allow).toBe(false);
    expect(decidePermissionCheck({ ...check, permission: 'midi' }, policy).allow).toBe(false);
  });
});

describe('provisioned media', () => {
  const identity = { label: 'HD Webcam (046d:0825)', vendorProduct: '046d:0825', groupId: 'g' };
  const chosen = (kind: 'videoinput' | 'audioinput') => ({
    identity: { ...identity, kind },
    chosenBy: 'default' as const,
  });

  it('allows both before anything is chosen, so the default rule can see labelled devices', () => {
    expect(provisionedMedia({})).toEqual({ audio: true, video: true });
  });

  it('then allows only the media types of the chosen roles', () => {
    expect(provisionedMedia({ microphone: chosen('audioinput') })).toEqual({ audio: true, video: false });
    expect(provisionedMedia({ camera: chosen('videoinput') })).toEqual({ audio: false, video: true });
    expect(provisionedMedia({ handsetMicrophone: chosen('audioinput') })).toEqual({ audio: true, video: false });
    const noCamera = { ...policy, media: provisionedMedia({ microphone: chosen('audioinput') }) };
    expect(decidePermissionRequest({ ...request, mediaTypes: ['video'] }, noCamera).allow).toBe(false);
    expect(decidePermissionRequest({ ...request, mediaTypes: ['audio'] }, noCamera).allow).toBe(true);
  });
});
