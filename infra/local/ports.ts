import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', () => reject(new LocalStartError(`Port ${port} (${what}) is busy: stop what uses it (lsof -i :${port}) or set another port, e.g. PORT=${port + 1} npm start`)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** A failure a person can act on; the start script prints only its message. */
export class LocalStartError extends Error {}
