/**
 * The first handler of all: a path with a malformed %-escape would make msw's own route matching
 * throw (a 500) before any service's handler runs. This one matches with a RegExp that decodes
 * nothing and answers 400 in a neutral JSON envelope; every other request falls through.
 */
import { http } from 'msw';

export function guardHandlers() {
  return [
    http.all(/.*/, ({ request }) => {
      const path = new URL(request.url).pathname;
      try {
        decodeURIComponent(path);
        return undefined;
      } catch {
        return new Response(JSON.stringify({ error: { code: 'BadRequest', message: `The request path '${path}' holds a malformed percent-encoded character.` } }), { status: 400, headers: { 'content-type': 'application/json' } });
      }
    }),
  ];
}
