// Refusals of Cognito's JSON API that have a Cognito exception name of their own (the house's AuthError, typed).
import { AuthError, type AuthErrorCode } from '../shared/errors.ts';

/** The exception names (`__type`) this API answers with, as Cognito spells them. */
export type CognitoExceptionName =
  | 'CodeMismatchException'
  | 'ExpiredCodeException'
  | 'InvalidParameterException'
  | 'NotAuthorizedException'
  | 'ResourceNotFoundException'
  | 'TooManyRequestsException'
  | 'UnsupportedTokenTypeException'
  | 'WebAuthnChallengeNotFoundException'
  | 'WebAuthnCredentialNotSupportedException'
  | 'LimitExceededException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'InternalErrorException';

export class CognitoApiError extends AuthError {
  readonly exception: CognitoExceptionName;
  constructor(exception: CognitoExceptionName, message: string, code: AuthErrorCode = 'invalid_request') {
    super(code, message);
    this.name = 'CognitoApiError';
    this.exception = exception;
  }
}

export const notAuthorized = (message: string) => new CognitoApiError('NotAuthorizedException', message, 'unauthorized');
export const invalidParameter = (message: string) => new CognitoApiError('InvalidParameterException', message);
