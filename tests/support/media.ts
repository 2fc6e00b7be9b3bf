import sharp from 'sharp';

/** A real image of this size and format, made by sharp (a gradient, so it compresses like a photo). */
export async function imageBytes(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'avif' | 'gif' = 'png', options: { alpha?: boolean } = {}): Promise<Buffer> {
  const channels = options.alpha ? 4 : 3;
  const raw = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = 128;
      if (channels === 4) raw[i + 3] = x < width / 2 ? 255 : 96;
    }
  }
  const image = sharp(raw, { raw: { width, height, channels } });
  return format === 'png' ? image.png().toBuffer() : format === 'jpeg' ? image.jpeg().toBuffer() : format === 'webp' ? image.webp().toBuffer() : format === 'avif' ? image.avif().toBuffer() : image.gif().toBuffer();
}

export function pngBytes(width: number, height: number): Promise<Buffer> {
  return imageBytes(width, height, 'png');
}

/** A multipart/form-data body, as a browser sends a form with files. */
export function multipartBody(parts: Array<{ name: string; value: string } | { name: string; filename: string; type: string; bytes: Buffer }>): { body: Buffer; contentType: string } {
  const boundary = `----outpost${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('bytes' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type}\r\n\r\n`));
      chunks.push(part.bytes, Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
