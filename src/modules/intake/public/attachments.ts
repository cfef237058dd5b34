import { createHash } from 'node:crypto';

// Attachments to public e-services: only JPEG, PNG and PDF, recognised by their content (the first bytes and
// the file's structure), never by the file name or the type the browser claims. Images are stripped of the
// metadata a camera or phone writes (place, time, device), because it can say who took the picture.

export const ATTACHMENT_KINDS = {
  'image/jpeg': { extension: 'jpg', label: 'JPEG-bild' },
  'image/png': { extension: 'png', label: 'PNG-bild' },
  'application/pdf': { extension: 'pdf', label: 'PDF' },
} as const;
export type AttachmentMediaType = keyof typeof ATTACHMENT_KINDS;

export interface UploadedFile {
  /** What the sender's browser called the file: used only in messages back to them, never stored. */
  clientName: string;
  content: Buffer;
}

export interface CheckedAttachment {
  fileName: string;
  mediaType: AttachmentMediaType;
  content: Buffer;
  sha256: string;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The media type the content really has, or undefined when it is none of the kinds we take. */
export function sniffMediaType(content: Buffer): AttachmentMediaType | undefined {
  if (content.length >= 4 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.length >= PNG_SIGNATURE.length + 12 && content.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (content.length >= 8 && /^%PDF-[12]\.\d/.test(content.subarray(0, 8).toString('latin1'))) return 'application/pdf';
  return undefined;
}

// JPEG segments kept: APP0 (JFIF), APP2 (colour profile) and APP14 (Adobe colour transform, needed to decode
// some images). Dropped: APP1 (Exif with GPS, XMP), APP3–APP13, APP15 (IPTC, maker notes) and comments.
const JPEG_KEPT_APP_SEGMENTS = new Set([0xe0, 0xe2, 0xee]);

/** The JPEG without metadata segments, or undefined when its segment structure is broken. */
export function stripJpegMetadata(content: Buffer): Buffer | undefined {
  const parts: Buffer[] = [content.subarray(0, 2)];
  let offset = 2;
  while (offset < content.length) {
    if (content[offset] !== 0xff) return undefined;
    let marker = content[offset + 1];
    // Fill bytes (0xFF 0xFF …) may pad before a marker.
    while (marker === 0xff && offset + 2 < content.length) marker = content[++offset + 1];
    if (marker === undefined) return undefined;
    if (marker === 0xd9) return Buffer.concat([...parts, content.subarray(offset, offset + 2)]);
    if (offset + 4 > content.length) return undefined;
    const length = content.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > content.length) return undefined;
    const segment = content.subarray(offset, offset + 2 + length);
    if (marker === 0xda) {
      // Start of scan: the compressed image follows to the end; nothing after it is metadata we parse.
      parts.push(content.subarray(offset));
      return Buffer.concat(parts);
    }
    const isMetadata = (marker >= 0xe0 && marker <= 0xef && !JPEG_KEPT_APP_SEGMENTS.has(marker)) || marker === 0xfe;
    if (!isMetadata) parts.push(segment);
    offset += 2 + length;
  }
  return undefined;
}

// PNG chunks that hold text, time or Exif: dropped. Everything else (image data, colour) is kept.
const PNG_METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/** The PNG without text, time and Exif chunks, or undefined when its chunk structure is broken. */
export function stripPngMetadata(content: Buffer): Buffer | undefined {
  const parts: Buffer[] = [content.subarray(0, 8)];
  let offset = 8;
  let first = true;
  while (offset + 12 <= content.length) {
    const length = content.readUInt32BE(offset);
    const type = content.subarray(offset + 4, offset + 8).toString('latin1');
    const end = offset + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > content.length) return undefined;
    if (first && type !== 'IHDR') return undefined;
    first = false;
    if (!PNG_METADATA_CHUNKS.has(type)) parts.push(content.subarray(offset, end));
    offset = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  return undefined;
}

/** A PDF must start with its header and end with the end-of-file marker (allowing trailing whitespace). */
function isWholePdf(content: Buffer): boolean {
  return content.subarray(Math.max(0, content.length - 1024)).toString('latin1').includes('%%EOF');
}

export type AttachmentProblem = 'empty' | 'wrong_type' | 'broken';

/**
 * Checks one file by its content and makes it safe to keep: the type is what the bytes say, images lose their
 * metadata, and the stored name is neutral ("bilaga-1.jpg") because a file name can name its author.
 */
export function checkAttachment(file: UploadedFile, index: number): CheckedAttachment | AttachmentProblem {
  if (file.content.length === 0) return 'empty';
  const mediaType = sniffMediaType(file.content);
  if (!mediaType) return 'wrong_type';
  let content: Buffer | undefined = file.content;
  if (mediaType === 'image/jpeg') content = stripJpegMetadata(file.content);
  else if (mediaType === 'image/png') content = stripPngMetadata(file.content);
  else if (!isWholePdf(file.content)) content = undefined;
  if (!content) return 'broken';
  return {
    fileName: `bilaga-${index + 1}.${ATTACHMENT_KINDS[mediaType].extension}`,
    mediaType,
    content,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}
