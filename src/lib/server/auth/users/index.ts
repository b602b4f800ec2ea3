// Accounts of village hosts and office staff: signing in, invitations, password resets,
// disabling, and who belongs to which village.
export { COMMAND_LINE, normaliseEmail, type Actor } from './common';
export * from './sign-in';
export * from './invitations';
export * from './password-reset';
export * from './account';
