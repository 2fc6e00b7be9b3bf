import { describe, expect, it } from 'vitest';
import { parseVideoUrl, VideoUrlError } from './video.js';

describe('parseVideoUrl', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube'],
    ['https://youtu.be/dQw4w9WgXcQ', 'youtube'],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ', 'youtube'],
    ['https://m.youtube.com/shorts/dQw4w9WgXcQ', 'youtube'],
    ['https://vimeo.com/76979871', 'vimeo'],
    ['https://player.vimeo.com/video/76979871', 'vimeo'],
    ['https://cdn.example.org/clips/report.mp4', 'mp4'],
  ])('%s is a %s video', (url, kind) => {
    expect(parseVideoUrl(url).kind).toBe(kind);
  });

  it('embeds YouTube without cookies, and only on play', () => {
    const v = parseVideoUrl('https://youtu.be/dQw4w9WgXcQ');
    expect(v.kind === 'youtube' && v.embedUrl).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1');
  });

  it.each([
    ['not a url', 'not a valid URL'],
    ['javascript:alert(1)', 'https://'],
    ['https://www.youtube.com/watch?v=short', 'does not name a video'],
    ['https://vimeo.com/about', 'does not name a video'],
    ['https://example.org/page.html', 'YouTube or Vimeo'],
  ])('%s is refused with a reason', (url, reason) => {
    expect(() => parseVideoUrl(url)).toThrow(VideoUrlError);
    expect(() => parseVideoUrl(url)).toThrow(reason);
  });
});
