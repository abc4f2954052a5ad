/**
 * Whether a port can be bound on `host` right now: `npm start` checks every port before it starts
 * anything, so a taken one is reported by name with the variable that moves it, instead of one
 * server failing with EADDRINUSE while the others run on.
 */
import { createServer } from 'node:net';

export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}
