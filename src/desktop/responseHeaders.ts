/*
 * Headers of every response the shell serves. The CSP allows only the shell's own files: no inline
 * script or style element, no eval, no network (connect-src 'none'), no frames, forms, plugins or base
 * URL, and DOM sinks need Trusted Types, of which no policy may be created ('none'): the UI writes no
 * HTML from strings at all. Inline style *attributes* stay forbidden too (no 'unsafe-inline'); React sets
 * styles through the CSSOM, which CSP does not govern.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

/** Features the page may not use; WebAuthn (publickey-credentials) stays for the shell's own origin. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()', 'autoplay=()', 'bluetooth=()', 'camera=()', 'clipboard-read=()', 'display-capture=()',
  'encrypted-media=()', 'geolocation=()', 'gyroscope=()', 'hid=()', 'idle-detection=()', 'local-fonts=()',
  'magnetometer=()', 'microphone=()', 'midi=()', 'payment=()', 'picture-in-picture=()', 'screen-wake-lock=()',
  'serial=()', 'usb=()', 'window-management=()', 'xr-spatial-tracking=()',
  'publickey-credentials-create=(self)', 'publickey-credentials-get=(self)',
].join(', ');

export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'permissions-policy': PERMISSIONS_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-resource-policy': 'same-origin',
    // Nothing of the UI goes into a cache on disk.
    'cache-control': 'no-store',
  };
}
