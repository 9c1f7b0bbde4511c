// Attachment thumbnails as Mailpit serves them: a 180×120 JPEG, the image cropped to fill it, or padded on
// white when it is smaller; anything that is not a readable image gets a blank white thumbnail.
import sharp from 'sharp';

const WIDTH = 180;
const HEIGHT = 120;

const blank = () =>
  sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#ffffff' } })
    .jpeg()
    .toBuffer();

export async function thumbnail(content: Buffer, contentType: string): Promise<Buffer> {
  if (!/^image\//i.test(contentType)) return blank();
  try {
    const image = sharp(content, { failOn: 'error' });
    const { width = 0, height = 0 } = await image.metadata();
    if (width >= WIDTH && height >= HEIGHT) {
      return await image
        .resize(WIDTH, HEIGHT, { fit: 'cover' })
        .flatten({ background: '#ffffff' })
        .jpeg()
        .toBuffer();
    }
    const fitted = await image
      .resize(WIDTH, HEIGHT, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .png()
      .toBuffer();
    return await sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#ffffff' } })
      .composite([{ input: fitted, gravity: 'centre' }])
      .jpeg()
      .toBuffer();
  } catch {
    return blank();
  }
}
