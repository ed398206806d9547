import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameCorner, nextSelfViewCorner, selfViewCorners } from '../../../src/renderer/call/call-layout';
import { cameraPositionSchema } from '../../../src/shared/contract/kiosk';

describe('the call layout around the camera', () => {
  it('puts the self view in a bottom corner under a top camera, a top one over a bottom camera', () => {
    expect(selfViewCorners('top_center')).toEqual(['bottom_right', 'bottom_left', 'top_right']);
    expect(selfViewCorners('top_left')).toEqual(['bottom_right', 'bottom_left']);
    expect(selfViewCorners('top_right')).toEqual(['bottom_right', 'bottom_left']);
    expect(selfViewCorners('bottom_center')).toEqual(['top_right', 'bottom_right', 'bottom_left']);
    expect(nameCorner('top_left')).toBe('top_right');
    expect(nameCorner('top_right')).toBe('top_left');
  });

  it('never puts the self view at the camera’s corner or over the name, and moving it visits every allowed corner', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cameraPositionSchema.options), (camera) => {
        const corners = selfViewCorners(camera);
        expect(corners.length).toBeGreaterThanOrEqual(2);
        expect(corners).not.toContain(nameCorner(camera));
        expect(corners).not.toContain(camera);
        const visited = new Set<string>();
        let corner = corners[0] ?? 'bottom_right';
        for (let step = 0; step < corners.length; step += 1) {
          visited.add(corner);
          corner = nextSelfViewCorner(camera, corner);
        }
        expect([...visited].sort()).toEqual([...corners].sort());
        expect(corner).toBe(corners[0]);
      }),
    );
  });
});
