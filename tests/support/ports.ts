import net from 'node:net';

/**
 * A port nobody listens on right now, chosen by the kernel. Better than a random number: one from
 * the ephemeral range may be in use by an outgoing connection (PostgreSQL, Redis) at that moment.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
