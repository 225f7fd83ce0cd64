// Why a file could not be read (PROTOCOL.md section 20), each code with its one status. Thrown by
// the extractors, turned into a JSON rejection by the route.

export const FILE_ERRORS = {
  file_too_large: 413,
  file_type: 415,
  // Named or typed as an image, but its bytes are not a JPEG, PNG, GIF or WebP image.
  image_invalid: 415,
  file_unreadable: 422,
  file_encrypted: 422,
  file_no_text: 422,
  file_too_many_pages: 422,
  file_too_long: 422,
  file_timeout: 422,
} as const satisfies Record<string, number>;

export type FileErrorCode = keyof typeof FILE_ERRORS;

export class FileError extends Error {
  readonly status: number;

  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "FileError";
    this.status = FILE_ERRORS[code];
  }
}
