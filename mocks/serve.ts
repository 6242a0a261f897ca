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
import { Readable } from 'node:stream';
import type { RequestHandler } from 'msw';
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
  /** A permissive test of origin + path: it may let through what msw's own match then rejects, never the reverse. */
  readonly test: RegExp;
}

/**
 * msw's getResponse tries every handler in order, each parsing and cloning the request, until one
 * answers: with ~70 handlers that cost dominated the served path. Routes are compiled once from
 * each handler's method and path, so a request runs only the handlers that can match it, in their
 * order, and msw's own `run` still decides the exact match.
 */
function compileRoutes(handlers: RequestHandler[]): Route[] {
  const routes: Route[] = [];
  for (const handler of handlers) {
    const info = handler.info as { method?: unknown; path?: unknown };
    const path = info.path;
    // The %-escape guard (mocks/handlers/guard.ts) matches everything; serving checks decoding inline instead.
    if (path instanceof RegExp && path.source === '.*') continue;
    const test = path instanceof RegExp ? path : new RegExp(`^${String(path).split(/(:[A-Za-z0-9_]+|\*)/).map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))).join('')}/?$`, 'i');
    routes.push({ handler, method: typeof info.method === 'string' ? info.method.toUpperCase() : undefined, test });
  }
  return routes;
}

let requestCounter = 0;

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
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const request = new Request(url, {
        method, headers,
        ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
      } as RequestInit);
      const target = origin + url.pathname;
      let response: Response | undefined;
      const requestId = `dapsim-${++requestCounter}`;
      for (const route of routes) {
        if ((route.method !== undefined && route.method !== method && route.method !== 'ALL') || !route.test.test(target)) continue;
        const result = await route.handler.run({ request, requestId, resolutionContext: { baseUrl: origin } });
        if (result?.response) {
          response = result.response;
          break;
        }
      }
      if (response === undefined) {
        res.writeHead(501, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'NoRoute', message: `dapsim serves no ${method} ${req.url}; see mocks/ROUTES.md for the routes and their base URLs.` } }));
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
