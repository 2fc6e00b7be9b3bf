import { describe, expect, it } from 'vitest';
import { startIdleGc } from './idle-gc.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('idle collection', () => {
  it('collects once after requests, when the site has gone quiet, and not again until more requests', async () => {
    const idle = startIdleGc({ idleMs: 40 });
    try {
      await sleep(150);
      expect(idle.collections()).toBe(0); // nothing served yet: nothing to give back
      idle.touch();
      await sleep(200);
      expect(idle.collections()).toBe(1);
      await sleep(150);
      expect(idle.collections()).toBe(1);
      idle.touch();
      await sleep(200);
      expect(idle.collections()).toBe(2);
    } finally {
      idle.stop();
    }
  });

  it('waits while requests keep coming', async () => {
    const idle = startIdleGc({ idleMs: 80 });
    try {
      for (let i = 0; i < 8; i++) {
        idle.touch();
        await sleep(20);
      }
      expect(idle.collections()).toBe(0);
    } finally {
      idle.stop();
    }
  });
});
