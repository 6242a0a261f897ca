/**
 * The mocked Microsoft endpoints, backed by the reference model. Handlers are values (msw's
 * RequestHandler), grouped by service; `createMockServer` wires them into msw's in-process
 * interception on the real hostnames, with unhandled requests as errors.
 *
 * Base URLs (in process, the real hosts):
 * - token service: https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token (and v1 /oauth2/token)
 * - Microsoft Graph: https://graph.microsoft.com/v1.0
 * - Partner Center: https://api.partnercenter.microsoft.com/v1
 * - Azure Resource Manager: https://management.azure.com
 * - simulated admin-center paths: https://admin.microsoft.com/dapsim/v1
 * - world set-up: any host, /dapsim/v1/world
 * See mocks/ROUTES.md for every route.
 */
import type { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { adminHandlers } from './handlers/admin.ts';
import { armHandlers } from './handlers/arm.ts';
import { guardHandlers } from './handlers/guard.ts';
import { graphHandlers } from './handlers/graph.ts';
import { partnerCenterHandlers } from './handlers/partnerCenter.ts';
import { setupHandlers } from './handlers/setup.ts';
import { tokenHandlers } from './handlers/token.ts';
import { MockState, type MockOptions } from './state.ts';

export { MockState, type MockOptions } from './state.ts';
export { AUDIENCES, issueToken, verifyToken, type Claims, type Service } from './tokens.ts';

/** Every handler, in matching order: the specific routes before each service's catch-all. */
export function mockHandlers(state: MockState): RequestHandler[] {
  // The admin-center paths (…/dapsim/v1/…) come before Partner Center, whose catch-all is */v1/*.
  return [...guardHandlers(), ...setupHandlers(state), ...tokenHandlers(state), ...adminHandlers(state), ...graphHandlers(state), ...partnerCenterHandlers(state), ...armHandlers(state)];
}

export interface MockServer {
  readonly server: ReturnType<typeof setupServer>;
  readonly state: MockState;
}

/** msw's setupServer over the mocks; call `server.listen()` and `server.close()` around your tests. */
export function createMockServer(options: MockOptions = {}): MockServer {
  const state = new MockState(options);
  return { server: setupServer(...mockHandlers(state)), state };
}
