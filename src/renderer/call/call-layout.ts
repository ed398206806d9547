import type { CameraPosition } from '../../shared/contract/kiosk';

export type Corner = 'top_left' | 'top_right' | 'bottom_left' | 'bottom_right';

/**
 * Where the visitor's name and the connection sit: at the top, on the side away from a corner
 * camera, so they never cover the face placed under it.
 */
export function nameCorner(camera: CameraPosition): Corner {
  return camera === 'top_left' ? 'top_right' : 'top_left';
}

/**
 * The corners the self view may take, the first one by default: never the camera's corner nor the
 * name's, and the bottom ones first under a top camera (the person's eyes stay up, on the face).
 */
export function selfViewCorners(camera: CameraPosition): Corner[] {
  const order: Corner[] =
    camera === 'bottom_center'
      ? ['top_right', 'bottom_right', 'bottom_left', 'top_left']
      : ['bottom_right', 'bottom_left', 'top_right', 'top_left'];
  const atCamera: Corner | undefined = camera === 'top_left' || camera === 'top_right' ? camera : undefined;
  return order.filter((corner) => corner !== atCamera && corner !== nameCorner(camera));
}

/** The corner after `current` in the self view's round; the first again after the last. */
export function nextSelfViewCorner(camera: CameraPosition, current: Corner): Corner {
  const corners = selfViewCorners(camera);
  const at = corners.indexOf(current);
  return corners[(at + 1) % corners.length] ?? corners[0] ?? 'bottom_right';
}
