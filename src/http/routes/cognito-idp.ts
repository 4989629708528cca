// Route: POST /cognito-idp/, Cognito's user pools JSON API (AWS JSON 1.1) for Amplify JS v6 (SPEC §12).
import { Hono, type Context } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { bodyText } from '../request-body.ts';
import { mediaTypeOf } from '../validate.ts';
import { ACTIONS } from '../cognito-idp/actions.ts';
import { AMZ_JSON, answerHeaders, cognitoError, cognitoErrorResponse } from '../cognito-idp/cognito-errors.ts';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

export function cognitoIdpRoutes(deps: Deps) {
  const app = new Hono();
  app.onError(cognitoErrorResponse);
  // The browser's preflight (Amplify sends x-amz-target, x-amz-user-agent and cache-control, none of them simple).
  const preflight = (c: Context) => c.body(null, 204, {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type,x-amz-target,x-amz-user-agent,cache-control,amz-sdk-invocation-id,amz-sdk-request,x-amz-date,authorization',
    'access-control-max-age': '600',
  });
  app.options('/cognito-idp/', preflight);
  app.options('/cognito-idp', preflight);

  const handle = async (c: Context) => {
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
    return c.body(JSON.stringify(await action(deps, body, c)), 200, answerHeaders());
  };
  app.post('/cognito-idp/', handle);
  app.post('/cognito-idp', handle);
  return app;
}
