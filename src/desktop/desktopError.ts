/** Stable codes of the desktop shell; callers branch on `code`, never on the message. */
export type DesktopErrorCode =
  | 'DESKTOP_NO_BROWSER'
  | 'DESKTOP_NO_DISPLAY'
  | 'DESKTOP_XVFB_FAILED'
  | 'DESKTOP_UI_MISSING'
  | 'DESKTOP_UI_TAMPERED'
  | 'DESKTOP_UI_BUILD_FAILED'
  | 'DESKTOP_LAUNCH_FAILED'
  | 'DESKTOP_BAD_RP_ID'
  | 'DESKTOP_UNLOCK_FAILED'
  | 'DESKTOP_SCREENSHOT_FAILED';

export class DesktopError extends Error {
  override readonly name = 'DesktopError';
  constructor(
    readonly code: DesktopErrorCode | string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
