import { type Catalogue, messagesFor } from '../../i18n/catalogue.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { validateProviderName } from '../../quota/provider-name.js';
import type { ProviderCredentials, TokenSourceKind } from '../../quota/types.js';
import {
  type Checked,
  checkAppId,
  checkCallbackToken,
  checkEncodingAesKey,
  checkSecret,
  checkTokenUrl,
  parseHeaderLine,
} from '../../tokens/credential-rules.js';
import { MAX_PROVIDER_NAME_LENGTH } from '../command-parser.js';
import { SETUP_MODAL, type SetupField } from '../ids.js';

/** What the admin typed, field by field ('' when left empty; the expiry as Unix seconds or null). */
export type SetupValues = Record<Exclude<SetupField, 'staticExpiresAt'>, string> & { staticExpiresAt: number | null };

/** The provider being edited, as stored; null when adding one. */
export type StoredSetup = { readonly name: string; readonly credentials: ProviderCredentials | null } | null;

/** Valid input ready to save, or the message to show under each offending field (keyed by block_id). */
export type SetupDecision =
  | { ok: true; name: string; credentials: ProviderCredentials; tokenExpiresAt: Date | null }
  | { ok: false; errors: Record<string, string> };

/** Typing this in the header field removes a stored header. */
export const CLEAR_HEADER = '-';

/** Reads `view.state.values` defensively: anything missing or of another type counts as empty. */
export function readSetupValues(state: unknown): SetupValues {
  const values = (state as { values?: Record<string, Record<string, Record<string, unknown>>> } | null)?.values ?? {};
  const element = (field: SetupField) => values[SETUP_MODAL.blocks[field]]?.[SETUP_MODAL.action] ?? {};
  const text = (field: SetupField) => {
    const value = element(field).value;
    return typeof value === 'string' ? value.trim() : '';
  };
  const selected = element('source').selected_option as { value?: unknown } | undefined;
  const when = element('staticExpiresAt').selected_date_time;
  return {
    name: text('name'),
    source: typeof selected?.value === 'string' ? selected.value : '',
    staticToken: text('staticToken'),
    staticExpiresAt: typeof when === 'number' && Number.isFinite(when) ? when : null,
    centralUrl: text('centralUrl'),
    centralHeader: text('centralHeader'),
    componentAppId: text('componentAppId'),
    componentSecret: text('componentSecret'),
    authorizerAppId: text('authorizerAppId'),
    refreshToken: text('refreshToken'),
    callbackToken: text('callbackToken'),
    encodingAesKey: text('encodingAesKey'),
  };
}

/**
 * Validates the submission for the chosen token source. A secret left empty keeps the stored one (when the stored
 * provider already uses that source); otherwise it is required. Errors never repeat what was typed.
 */
export function decideSetup(
  values: SetupValues,
  stored: StoredSetup,
  now: Date,
  locale: Locale = DEFAULT_LOCALE,
): SetupDecision {
  const t = messagesFor(locale).setup;
  const errors: Record<string, string> = {};
  // The rules' own reasons are English (the CLI shows them); the modal says the same in the admin's language.
  const take = <T>(field: SetupField, checked: Checked<T>, typed = ''): T | undefined => {
    if (checked.ok) return checked.value;
    errors[SETUP_MODAL.blocks[field]] = fieldError(field, typed, t);
    return undefined;
  };
  let name = stored?.name ?? '';
  if (stored === null) {
    const named = validateProviderName(values.name);
    if (named.ok) name = named.name;
    else errors[SETUP_MODAL.blocks.name] = nameError(values.name, t);
  }
  const source = values.source as TokenSourceKind;
  // Unreadable stored credentials (credentials null) keep nothing: every secret must be typed again.
  const prior = stored?.credentials?.kind === source ? stored.credentials : null;
  const secret = (field: SetupField, typed: string, kept: string | undefined, label: string) =>
    take(field, typed === '' && kept !== undefined ? { ok: true, value: kept } : checkSecret(typed, label), typed);

  let credentials: ProviderCredentials | undefined;
  let tokenExpiresAt: Date | null = null;
  if (source === 'static') {
    const token = secret(
      'staticToken',
      values.staticToken,
      prior?.kind === 'static' ? prior.token : undefined,
      'The token',
    );
    if (values.staticExpiresAt !== null) {
      tokenExpiresAt = new Date(values.staticExpiresAt * 1000);
      if (tokenExpiresAt.getTime() <= now.getTime()) errors[SETUP_MODAL.blocks.staticExpiresAt] = t.inPast;
    }
    if (token !== undefined) credentials = { kind: 'static', token };
  } else if (source === 'central') {
    const kept = prior?.kind === 'central' ? prior : null;
    const url = take(
      'centralUrl',
      values.centralUrl === '' && kept ? { ok: true, value: kept.url } : checkTokenUrl(values.centralUrl),
    );
    const header =
      values.centralHeader === CLEAR_HEADER
        ? null
        : values.centralHeader === ''
          ? (kept?.header ?? null)
          : take('centralHeader', parseHeaderLine(values.centralHeader), values.centralHeader);
    if (url !== undefined && header !== undefined) credentials = { kind: 'central', url, header };
  } else if (source === 'component') {
    const kept = prior?.kind === 'component' ? prior : undefined;
    const fields = {
      componentAppId: take('componentAppId', checkAppId(values.componentAppId, 'The component appid')),
      authorizerAppId: take('authorizerAppId', checkAppId(values.authorizerAppId, 'The authorizer appid')),
      componentSecret: secret('componentSecret', values.componentSecret, kept?.componentSecret, 'The component secret'),
      refreshToken: secret('refreshToken', values.refreshToken, kept?.refreshToken, 'The refresh token'),
      callbackToken: take(
        'callbackToken',
        values.callbackToken === '' && kept
          ? { ok: true, value: kept.callbackToken }
          : checkCallbackToken(values.callbackToken),
      ),
      encodingAesKey: take(
        'encodingAesKey',
        values.encodingAesKey === '' && kept
          ? { ok: true, value: kept.encodingAesKey }
          : checkEncodingAesKey(values.encodingAesKey),
      ),
    };
    if (Object.values(fields).every((value) => value !== undefined)) {
      credentials = {
        kind: 'component',
        ...(fields as Omit<Extract<ProviderCredentials, { kind: 'component' }>, 'kind'>),
      };
    }
  } else {
    errors[SETUP_MODAL.blocks.source] = t.chooseSource;
  }
  if (Object.keys(errors).length > 0 || credentials === undefined) return { ok: false, errors };
  return { ok: true, name, credentials, tokenExpiresAt };
}

const MAX_VALUE = 2048;
const FORBIDDEN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade']);

/** Why a field's value was refused (by the rules in tokens/credential-rules.ts), in the admin's language. */
function fieldError(field: SetupField, typed: string, t: Catalogue['setup']): string {
  const secret = (label: string) =>
    typed.trim() === '' ? t.required({ label }) : t.secretFormat({ label, max: MAX_VALUE });
  switch (field) {
    case 'staticToken':
      return secret(t.labelToken);
    case 'componentSecret':
      return secret(t.labelComponentSecret);
    case 'refreshToken':
      return secret(t.labelRefreshToken);
    case 'componentAppId':
      return t.appIdFormat({ label: t.labelComponentAppId });
    case 'authorizerAppId':
      return t.appIdFormat({ label: t.labelAuthorizerAppId });
    case 'callbackToken':
      return t.callbackTokenFormat;
    case 'encodingAesKey':
      return t.aesKeyFormat;
    case 'centralUrl':
      return t.urlFormat;
    case 'centralHeader': {
      const colon = typed.indexOf(':');
      const name = colon < 0 ? '' : typed.slice(0, colon).trim();
      if (colon < 0 || name === '' || typed.slice(colon + 1).trim() === '') return t.headerShape;
      if (FORBIDDEN_HEADERS.has(name.toLowerCase())) return t.headerForbidden({ name });
      return /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/.test(name) ? t.headerValue({ max: MAX_VALUE }) : t.headerShape;
    }
    default:
      return t.chooseSource;
  }
}

/** Why a provider name was refused (the rule is in quota/provider-name.ts), in the admin's language. */
function nameError(raw: string, t: Catalogue['setup']): string {
  const name = raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (name === '') return t.nameEmpty;
  if (/\p{Cc}/u.test(name)) return t.nameControl;
  if ([...name].length > MAX_PROVIDER_NAME_LENGTH) return t.nameTooLong({ max: MAX_PROVIDER_NAME_LENGTH });
  return t.nameReserved({ word: name.split(' ')[0] ?? '' });
}
