// A token set in the shape Cognito's JSON API answers it (`AuthenticationResult`).
import type { TokenSet } from '../tokens/issue-tokens.ts';

export interface AuthenticationResult {
  AccessToken: string;
  IdToken: string;
  RefreshToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export const authenticationResult = (set: TokenSet): AuthenticationResult => ({
  AccessToken: set.access_token, IdToken: set.id_token, RefreshToken: set.refresh_token, ExpiresIn: set.expires_in, TokenType: 'Bearer',
});
