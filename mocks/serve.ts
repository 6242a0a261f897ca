/**
 * The same handlers on a loopback port: `dapsim serve`. One node:http(s) server answers every
 * service under its own prefix (servedUrls in targets/http.ts):
 *
 *   /login/{tenant}/oauth2/v2.0/token     token service
 *   /graph/v1.0/…                         Microsoft Graph
 *   /partnercenter/v1/…                   Partner Center
 *   /arm/…                                Azure Resource Manager
 *   /dapsim/v1/…                          simulated admin-center paths, and /dapsim/v1/world (set-up)
 *
 * The handlers' paths start with `*`, so they match here as they match the real hosts in process.
 * Requests no handler answers get 501 in a JSON envelope: never a silent pass.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RequestHandler } from 'msw';
import { LIGHT, SERVED, type LightParts } from './responses.ts';
import selfsigned from 'selfsigned';

export interface Served {
  readonly url: string;
  readonly server: http.Server | https.Server;
  close(): Promise<void>;
}

export interface Certificate {
  readonly key: string;
  readonly cert: string;
}

/** A throwaway certificate for 127.0.0.1 and localhost, valid for 30 days. */
export async function throwawayCertificate(): Promise<Certificate> {
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate.getTime() + 30 * 24 * 3600 * 1000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048, algorithm: 'sha256', notBeforeDate, notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

interface Route {
  readonly handler: RequestHandler;
  /** undefined: any method. */
  readonly method: string | undefined;
  /** Matches origin + path, capturing the path parameters in order. */
  readonly test: RegExp;
  readonly params: readonly string[];
}

type Resolver = (info: { request: Request; params: Record<string, string>; cookies: Record<string, string>; requestId: string }) => unknown;

/**
 * msw's getResponse tries every handler in order, each cloning the request and compiling its path
 * pattern again, until one answers: that cost dominated the served path. Here each handler's
 * method and path are compiled once, with the same meaning as msw's matching (`*` any text,
 * `:name` one path segment), and the matching handler's resolver is called directly with the
 * captured parameters, in registration order, falling through when it returns nothing — what msw
 * does, without the per-request work.
 */
function compileRoutes(handlers: RequestHandler[]): Route[] {
  const routes: Route[] = [];
  for (const handler of handlers) {
    const info = handler.info as { method?: unknown; path?: unknown };
    const path = info.path;
    // The %-escape guard (mocks/handlers/guard.ts) matches everything; serving checks decoding inline instead.
    if (path instanceof RegExp && path.source === '.*') continue;
    const params: string[] = [];
    const test = path instanceof RegExp ? path : new RegExp(`^${String(path).split(/(:[A-Za-z0-9_]+|\*)/).map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) {
        params.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }).join('')}/?$`, 'i');
    routes.push({ handler, method: typeof info.method === 'string' ? info.method.toUpperCase() : undefined, test, params });
  }
  return routes;
}

let requestCounter = 0;

/**
 * What the handlers read of a request — method, url, headers.get, text(), json() — without the
 * cost of a WHATWG Request (which, in Node 20, creates and registers an AbortSignal per request).
 * A handler that needs more must say so here; the whole scenario library runs through `serve` in
 * the tests, so every handler is held to this.
 */
class ServedRequest {
  readonly [SERVED] = true;
  private body: Promise<Buffer> | undefined;
  readonly headers: { get(name: string): string | null };

  constructor(readonly method: string, readonly url: string, private readonly req: http.IncomingMessage) {
    const raw = req.headers;
    this.headers = { get: (name) => { const v = raw[name.toLowerCase()]; return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v; } };
  }

  private read(): Promise<Buffer> {
    this.body ??= new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.req.on('data', (c: Buffer) => chunks.push(c));
      this.req.on('end', () => resolve(Buffer.concat(chunks)));
      this.req.on('error', reject);
    });
    return this.body;
  }

  async text(): Promise<string> {
    return (await this.read()).toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
}

/** Serves msw handlers over node:http, or https when a certificate is given, on 127.0.0.1. */
export async function serveHandlers(handlers: RequestHandler[], options: { port?: number; tls?: Certificate } = {}): Promise<Served> {
  const scheme = options.tls ? 'https' : 'http';
  const routes = compileRoutes(handlers);
  const listener: http.RequestListener = async (req, res) => {
    try {
      const origin = `${scheme}://${req.headers.host ?? '127.0.0.1'}`;
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', origin);
      try {
        decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'BadRequest', message: `The request path '${url.pathname}' holds a malformed percent-encoded character.` } }));
        return;
      }
      const request = new ServedRequest(method, url.href, req) as unknown as Request;
      const target = origin + url.pathname;
      let response: Response | undefined;
      const requestId = `dapsim-${++requestCounter}`;
      for (const route of routes) {
        if (route.method !== undefined && route.method !== method && route.method !== 'ALL') continue;
        const m = route.test.exec(target);
        if (m === null) continue;
        const params: Record<string, string> = {};
        route.params.forEach((name, i) => { params[name] = decodeURIComponent(m[i + 1]!); });
        const resolver = (route.handler as unknown as { resolver: Resolver }).resolver;
        const answer = await resolver({ request, params, cookies: {}, requestId });
        if (answer instanceof Response) {
          response = answer;
          break;
        }
      }
      if (response === undefined) {
        res.writeHead(501, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NoRoute', message: `dapsim serves no ${method} ${req.url}; see mocks/ROUTES.md for the routes and their base URLs.` } }));
        return;
      }
      const light = (response as unknown as Record<symbol, LightParts | undefined>)[LIGHT];
      if (light !== undefined) {
        const buf = light.body === null ? Buffer.alloc(0) : Buffer.from(light.body, 'utf8');
        res.writeHead(light.status, { ...light.headers, 'content-length': String(buf.length) });
        res.end(buf);
        return;
      }
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((v, k) => { out[k] = k === 'set-cookie' ? response.headers.getSetCookie() : v; });
      const buf = Buffer.from(await response.arrayBuffer());
      out['content-length'] = String(buf.length);
      res.writeHead(response.status, response.statusText || undefined, out);
      res.end(buf);
    } catch (e) {
      // A handler that throws is a dapsim bug; answer in JSON, not with a hung socket.
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'InternalError', message: `dapsim failed to answer: ${e instanceof Error ? e.message : String(e)}` } }));
    }
  };
  const server = options.tls ? https.createServer(options.tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
