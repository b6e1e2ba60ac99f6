import { RESERVED_WORDS } from '../slack/command-parser.js';

export const MAX_PROVIDER_NAME_LENGTH = 80;

/** The rule for provider names, shared by every way of creating one, so `/quota NAME` can always address it. */
export function validateProviderName(raw: string): { ok: true; name: string } | { ok: false; reason: string } {
  const name = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (name === '') return { ok: false, reason: 'a provider name cannot be empty' };
  if (/\p{Cc}/u.test(name)) return { ok: false, reason: 'a provider name cannot contain control characters' };
  if ([...name].length > MAX_PROVIDER_NAME_LENGTH) {
    return { ok: false, reason: `a provider name can be at most ${MAX_PROVIDER_NAME_LENGTH} characters` };
  }
  if (RESERVED_WORDS.includes(name.toLowerCase())) {
    return { ok: false, reason: `"${name}" is a /quota command word; choose another provider name` };
  }
  return { ok: true, name };
}
