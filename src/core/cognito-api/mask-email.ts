// The CODE_DELIVERY_DESTINATION Cognito shows for an email: first letter of each side, the rest hidden ("a***@e***").
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at + 1) : '';
  return `${[...local][0] ?? ''}***@${[...domain][0] ?? ''}***`;
}
