import { ApiError } from '../api/api-error.js';
import { el } from '../ui/dom.js';
import type { Session } from './session.js';

/** What a refused login tells the user, by the users service's error code. */
const MESSAGES: Readonly<Record<string, string>> = {
  INVALID_CREDENTIALS: 'The organisation, email or password is wrong.',
  ACCOUNT_DISABLED: 'This account is disabled.',
  TOO_MANY_ATTEMPTS: 'Too many attempts: wait a little and try again.',
};

/**
 * The login screen: organisation (its slug), email and password → `POST /users/login`.
 * @example
 * root.replaceChildren(loginView(session));
 */
export function loginView(session: Session): HTMLElement {
  const organisation = el('input', {
    name: 'organisation',
    autocomplete: 'organization',
    required: true,
    value: localStorage.getItem('motorcade.organisation') ?? 'demo',
    'data-testid': 'login-organisation',
  });
  const email = el('input', {
    name: 'email',
    type: 'email',
    autocomplete: 'username',
    required: true,
    'data-testid': 'login-email',
  });
  const password = el('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    'data-testid': 'login-password',
  });
  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'login-error', hidden: true });
  const submit = el('button', { type: 'submit', 'data-testid': 'login-submit' }, 'Log in');
  const form = el(
    'form',
    {
      class: 'login',
      'data-testid': 'login-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        submit.disabled = true;
        error.hidden = true;
        try {
          localStorage.setItem('motorcade.organisation', organisation.value.trim());
          await session.login({
            organisation: organisation.value.trim(),
            email: email.value.trim(),
            password: password.value,
          });
        } catch (failure) {
          error.textContent =
            failure instanceof ApiError
              ? (MESSAGES[failure.code] ?? failure.message)
              : `The server cannot be reached (${(failure as Error).message}).`;
          error.hidden = false;
        } finally {
          submit.disabled = false;
        }
      },
    },
    el('h1', {}, 'Motorcade'),
    el('p', { class: 'muted' }, 'Operations dashboard'),
    el('label', {}, 'Organisation', organisation),
    el('label', {}, 'Email', email),
    el('label', {}, 'Password', password),
    submit,
    error,
  );
  return el('main', { class: 'login-screen' }, form);
}
