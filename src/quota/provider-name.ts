import { isReservedName, MAX_PROVIDER_NAME_LENGTH } from '../slack/command-parser.js';

/**
 * The rule for provider names, shared by every way of creating one, so `/quota NAME` can always address it:
 * the same normalisation, length and reserved-word rules the command parser applies to what users type.
 */
export function validateProviderName(raw: string): { ok: true; name: string } | { ok: false; reason: string } {
  const name = raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (name === '') return { ok: false, reason: 'a provider name cannot be empty' };
  if (/\p{Cc}/u.test(name)) return { ok: false, reason: 'a provider name cannot contain control characters' };
  if ([...name].length > MAX_PROVIDER_NAME_LENGTH) {
    return { ok: false, reason: `a provider name can be at most ${MAX_PROVIDER_NAME_LENGTH} characters` };
  }
  if (isReservedName(name)) {
    const first = name.split(' ')[0];
    return { ok: false, reason: `a provider name cannot start with "${first}", a /quota command word; choose another` };
  }
  return { ok: true, name };
}
