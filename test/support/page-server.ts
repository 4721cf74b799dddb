/** A tiny web server on 127.0.0.1 for fetch tests: each path answers with a handler. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => void;

export class PageServer {
  readonly routes = new Map<string, PageHandler>();
  readonly hits: Array<{ path: string; host?: string }> = [];
  #server: Server;
  #port = 0;

  private constructor() {
    this.#server = createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      this.hits.push({ path, host: req.headers.host });
      const handler = this.routes.get(path);
      if (!handler) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
        return;
      }
      handler(req, res);
    });
  }

  static async start(): Promise<PageServer> {
    const server = new PageServer();
    await new Promise<void>((resolve) => server.#server.listen(0, "127.0.0.1", resolve));
    server.#port = (server.#server.address() as AddressInfo).port;
    return server;
  }

  get port(): number {
    return this.#port;
  }

  url(path: string, host = "127.0.0.1"): string {
    return `http://${host}:${this.#port}${path}`;
  }

  /** Serves a fixed body with a content type. */
  page(path: string, body: string | Buffer, contentType = "text/html; charset=utf-8"): void {
    this.routes.set(path, (_req, res) => {
      res.writeHead(200, { "content-type": contentType });
      res.end(body);
    });
  }

  redirect(path: string, location: string, status = 302): void {
    this.routes.set(path, (_req, res) => {
      res.writeHead(status, { location });
      res.end();
    });
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
