// Route: POST /cognito-idp/, Cognito's user pools JSON API (AWS JSON 1.1) for Amplify JS v6 (SPEC §12).
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { Deps } from '../../core/shared/deps.ts';
import { bodyText } from '../request-body.ts';
import { mediaTypeOf } from '../validate.ts';
import { ACTIONS } from '../cognito-idp/actions.ts';
import { AMZ_JSON, cognitoError, cognitoErrorResponse } from '../cognito-idp/cognito-errors.ts';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

export function cognitoIdpRoutes(deps: Deps) {
  const app = new Hono();
  app.onError(cognitoErrorResponse);
  // Like Cognito's own endpoint: any origin, no cookies (every token travels in the body), so `*` opens nothing.
  app.use('/cognito-idp/*', cors({
    origin: '*',
    allowMethods: ['POST'],
    allowHeaders: ['content-type', 'x-amz-target', 'x-amz-user-agent', 'cache-control', 'amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-date', 'authorization'],
    exposeHeaders: ['x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-errormessage', 'date'],
    maxAge: 600,
  }));
  app.use('/cognito-idp', cors({ origin: '*', allowMethods: ['POST'], allowHeaders: ['content-type', 'x-amz-target', 'x-amz-user-agent', 'cache-control', 'amz-sdk-invocation-id', 'amz-sdk-request'] }));

  const handle = async (c: Context) => {
    c.header('x-amzn-requestid', crypto.randomUUID());
    c.header('Cache-Control', 'no-store');
    const target = c.req.header('x-amz-target') ?? '';
    const name = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
    if (!action) {
      return cognitoError(c, 'UnknownOperationException', `Unknown operation ${target.slice(0, 128) || '(no X-Amz-Target)'}`);
    }
    const type = mediaTypeOf(c);
    if (type !== AMZ_JSON && type !== 'application/json') return cognitoError(c, 'SerializationException', `Content-Type must be ${AMZ_JSON}`);
    let body: unknown;
    try {
      body = JSON.parse(await bodyText(c));
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      return cognitoError(c, 'SerializationException', 'the body is not valid JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return cognitoError(c, 'SerializationException', 'the body must be a JSON object');
    return c.body(JSON.stringify(await action(deps, body, c)), 200, { 'content-type': AMZ_JSON });
  };
  app.post('/cognito-idp/', handle);
  app.post('/cognito-idp', handle);
  return app;
}
