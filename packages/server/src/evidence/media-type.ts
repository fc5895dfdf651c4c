/**
 * The media type a file's first bytes show, as far as the accepted types go. Zip containers (xlsx, docx,
 * OFD) look alike from outside, so for them the type the client declared is taken once the bytes say zip.
 * A file whose bytes do not match what it claims is refused: a renamed executable is not a PDF.
 */
export function sniffMediaType(head: Uint8Array, declared: string): string | undefined {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) && ZIP_TYPES.has(declared)) return declared;
  return undefined;
}

const ZIP_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/ofd',
  'application/zip',
]);

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
