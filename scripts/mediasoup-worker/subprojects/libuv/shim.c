/* Placeholder object: mediasoup's worker/meson.build lists this subproject's
 * library in link_whole of the (not built by default) libmediasoup-worker
 * target, so the variable must name a real static library. The actual code
 * comes from the Debian package via dependency(). */
int mediasoup_debian_shim_placeholder(void);
int mediasoup_debian_shim_placeholder(void) { return 0; }
