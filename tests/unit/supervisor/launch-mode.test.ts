import { describe, expect, it } from 'vitest';
import { launchMode } from '../../../src/main/config/launch-mode';

describe('launchMode', () => {
  it('is the kiosk unless the out-of-service unit asks for its page', () => {
    expect(launchMode(['/usr/bin/visitation-kiosk', '--ozone-platform=wayland'])).toBe('kiosk');
    expect(launchMode(['/usr/bin/visitation-kiosk', '--ozone-platform=wayland', '--out-of-service'])).toBe(
      'out-of-service',
    );
  });

  it('does not take a look-alike argument for the flag', () => {
    expect(launchMode(['/usr/bin/visitation-kiosk', '--out-of-service-now'])).toBe('kiosk');
  });
});
