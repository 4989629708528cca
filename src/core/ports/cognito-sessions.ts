// Port: checking a live Cognito session (the pool's JWKS, then Cognito itself) for the RFC 8693 session swap.

/** RFC 8693 §3 token type identifiers a swap accepts. */
export type SwapTokenType = 'access_token' | 'id_token' | 'refresh_token';

/** Who a live Cognito session belongs to. */
export interface CognitoSession {
  /** the Cognito `sub` */
  sub: string;
  username: string;
  email: string | null;
}

export interface CognitoSessionVerifier {
  readonly userPoolId: string;
  /**
   * Checks `token` as the pool's token of `type` issued to `clientId` (signature against the pool's JWKS, issuer,
   * `token_use`, client, expiry) and proves the session live with Cognito (GetUser with the access token; a refresh
   * token is redeemed with REFRESH_TOKEN_AUTH first). An ID token is proven through the access token of the same
   * sign-in, given as `accessToken` (the RFC 8693 `actor_token`). Throws AuthError `invalid_grant` when any fails.
   */
  verify(input: { token: string; type: SwapTokenType; clientId: string; accessToken?: string }): Promise<CognitoSession>;
}
