import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Give memory back when the site goes quiet. V8 collects garbage when allocation asks for it, not
 * when the process is idle: after a burst of requests the heap keeps its high-water mark, garbage
 * included, for as long as nothing else happens — on a small site, most of the time. So once the
 * server has been idle for `idleMs` (half a second) after serving requests, one full collection runs (a few
 * milliseconds on this heap) and V8 returns the pages it freed; it runs again only after more
 * requests. docs/decisions.md ("Idle memory") has the figures.
 */
export function startIdleGc(options: { idleMs?: number } = {}): { touch(): void; stop(): void; collections(): number } {
  const idleMs = options.idleMs ?? 500;
  const gc = exposeGc();
  let lastActivity = 0;
  let dirty = false;
  let count = 0;
  const timer = setInterval(
    () => {
      if (!dirty || !gc || Date.now() - lastActivity < idleMs) return;
      dirty = false;
      gc();
      count++;
    },
    Math.max(10, idleMs / 2),
  );
  timer.unref();
  return {
    touch() {
      lastActivity = Date.now();
      dirty = true;
    },
    stop: () => clearInterval(timer),
    collections: () => count,
  };
}

/** `global.gc`, whether or not node was started with --expose-gc (null if the runtime refuses). */
function exposeGc(): (() => void) | null {
  if (typeof globalThis.gc === 'function') return globalThis.gc as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}
