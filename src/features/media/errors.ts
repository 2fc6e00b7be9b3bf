/** Coded errors of the media library; http/errors.ts maps codes to statuses. */
export type MediaErrorCode =
  /** Not one of the accepted image types, whatever its name says. */
  | 'media_unsupported'
  /** Says it is an image (by its bytes) but cannot be decoded: damaged or disguised. */
  | 'media_broken'
  | 'media_too_large'
  | 'media_invalid'
  | 'media_not_found'
  | 'media_forbidden';

export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}
