/** A video an article may carry: YouTube, Vimeo or a direct MP4 file. */
export type Video =
  | { kind: 'youtube'; id: string; embedUrl: string; watchUrl: string; host: string }
  | { kind: 'vimeo'; id: string; embedUrl: string; watchUrl: string; host: string }
  | { kind: 'mp4'; url: string; host: string };

export class VideoUrlError extends Error {
  readonly code = 'video_url_invalid';
}

/** Parse a video URL; throws VideoUrlError with a readable reason for anything else. */
export function parseVideoUrl(raw: string): Video {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new VideoUrlError('The video address is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new VideoUrlError('The video address must start with https://.');
  const host = url.hostname.replace(/^www\.|^m\./, '');
  if (host === 'youtube.com' || host === 'youtu.be' || host === 'youtube-nocookie.com') {
    const id =
      host === 'youtu.be'
        ? url.pathname.slice(1)
        : url.searchParams.get('v') ?? url.pathname.match(/^\/(?:embed|shorts|live)\/([^/]+)/)?.[1] ?? '';
    if (!/^[\w-]{11}$/.test(id)) throw new VideoUrlError('This YouTube address does not name a video.');
    return {
      kind: 'youtube',
      id,
      embedUrl: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`,
      watchUrl: `https://www.youtube.com/watch?v=${id}`,
      host: 'YouTube',
    };
  }
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const id = url.pathname.match(/(\d{6,})/)?.[1];
    if (!id) throw new VideoUrlError('This Vimeo address does not name a video.');
    return { kind: 'vimeo', id, embedUrl: `https://player.vimeo.com/video/${id}?autoplay=1&dnt=1`, watchUrl: `https://vimeo.com/${id}`, host: 'Vimeo' };
  }
  if (/\.mp4$/i.test(url.pathname)) return { kind: 'mp4', url: url.toString(), host: url.hostname };
  throw new VideoUrlError('Use a YouTube or Vimeo link, or the address of an .mp4 file.');
}

/** Like parseVideoUrl, but null for a missing or unreadable URL (for rendering stored data). */
export function videoOrNull(raw: string | null): Video | null {
  if (!raw) return null;
  try {
    return parseVideoUrl(raw);
  } catch {
    return null;
  }
}
