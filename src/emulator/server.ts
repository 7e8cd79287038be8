import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Dispatcher, type DispatchOptions } from './dispatch.js';

/** Options of the HTTP layer (see EmulatorOptions). */
export interface ServerOptions extends DispatchOptions {
  port: number;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The HTTP side of the emulator: reads each request, has it dispatched, and writes the reply after its delay. */
export class EmulatorServer {
  readonly dispatcher: Dispatcher;
  private readonly server = createServer({ keepAlive: true }, (req, res) => {
    this.handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      }
    });
  });
  private requestCounter = 0;

  constructor(private readonly opts: ServerOptions) {
    this.dispatcher = new Dispatcher(opts);
    // The SDK keeps sockets alive; a server that closes idle sockets first causes ECONNRESET on reuse.
    this.server.keepAliveTimeout = 65_000;
    this.server.headersTimeout = 66_000;
  }

  /** Binds to 127.0.0.1 and resolves with the chosen port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops accepting requests and drops idle keep-alive sockets. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private nextRequestId(): string {
    const n = (++this.requestCounter).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${n}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const requestId = this.nextRequestId();
    const started = performance.now();
    const { reply, delayMs } = this.dispatcher.dispatch(req.headers, body, requestId);
    const wait = delayMs - (performance.now() - started);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    res.writeHead(reply.status, {
      'content-type': reply.contentType,
      'content-length': Buffer.byteLength(reply.body),
      'x-amzn-requestid': requestId,
    });
    res.end(reply.body);
  }
}
