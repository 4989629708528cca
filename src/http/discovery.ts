// The OIDC discovery document (OIDC Discovery 1.0 §3): Cognito's endpoint paths, and only what is really supported.
import { SELF_SERVICE_SCOPE } from '../core/clients/scopes.ts';

export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth2/authorize`,
    token_endpoint: `${issuer}/oauth2/token`,
    userinfo_endpoint: `${issuer}/oauth2/userInfo`,
    revocation_endpoint: `${issuer}/oauth2/revoke`,
    end_session_endpoint: `${issuer}/logout`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
    // RFC 9207: every authorization response carries iss.
    authorization_response_iss_parameter_supported: true,
    prompt_values_supported: ['none', 'login'],
    scopes_supported: ['openid', 'email', 'profile', 'phone', SELF_SERVICE_SCOPE],
    claims_supported: [
      'sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'amr', 'email', 'email_verified', 'name', 'given_name', 'family_name',
      'locale', 'zoneinfo', 'picture', 'phone_number', 'freshly_migrated', 'groups', 'cognito:groups', 'cognito:username', 'identities',
      'legacy_sub', 'username',
    ],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
  };
}
