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
import { getResponse, type RequestHandler } from 'msw';
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

/** Serves msw handlers over node:http, or https when a certificate is given, on 127.0.0.1. */
export async function serveHandlers(handlers: RequestHandler[], options: { port?: number; tls?: Certificate } = {}): Promise<Served> {
  const scheme = options.tls ? 'https' : 'http';
  const listener: http.RequestListener = async (req, res) => {
    try {
      const origin = `${scheme}://${req.headers.host ?? '127.0.0.1'}`;
      const method = req.method ?? 'GET';
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const request = new Request(new URL(req.url ?? '/', origin), {
        method, headers,
        ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
      } as RequestInit);
      const response = await getResponse(handlers, request, { baseUrl: origin });
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
