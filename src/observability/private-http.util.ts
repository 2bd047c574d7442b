import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

/** Answers one request of a private HTTP server; a rejection is answered 500. */
export type PrivateHttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Starts a worker's private HTTP server (probes, metrics) on host:port and resolves once it
 * listens. Shared by the running worker and the worker still waiting for its schema, which serve
 * the same port one after the other.
 */
export async function listenPrivateHttp(
  host: string,
  port: number,
  handler: PrivateHttpHandler,
  onError: (error: Error) => void,
): Promise<Server> {
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      onError(error as Error);
      if (!res.headersSent) {
        sendHttp(res, 500, 'text/plain', 'internal error\n');
      }
    });
  });
  // Probes must not keep a stopping worker alive.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** Closes the server and every connection it holds (probes keep theirs alive). */
export async function closePrivateHttp(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export function sendHttp(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}
