import { describe, expect, it } from 'vitest';
import type { ProviderCredentials } from '../../src/quota/types.js';
import { buildSetupModal } from '../../src/slack/blocks/setup-modal.js';
import { SETUP_MODAL } from '../../src/slack/ids.js';
import { describeStored } from '../../src/slack/token-commands/provider-setup.js';
import { decideSetup, readSetupValues, type SetupValues } from '../../src/slack/token-commands/setup-form.js';

const B = SETUP_MODAL.blocks;
const NOW = new Date('2026-11-26T10:00:00Z');
const empty: SetupValues = {
  name: '',
  source: '',
  staticToken: '',
  staticExpiresAt: null,
  centralUrl: '',
  centralHeader: '',
  componentAppId: '',
  componentSecret: '',
  authorizerAppId: '',
  refreshToken: '',
  callbackToken: '',
  encodingAesKey: '',
};
const central: ProviderCredentials = {
  kind: 'central',
  url: 'https://tokens.example.com/t?key=k',
  header: { name: 'Authorization', value: 'Bearer abcdefghijkl' },
};

describe('the setup form', () => {
  it('reads Slack’s view state defensively', () => {
    expect(readSetupValues(undefined)).toEqual(empty);
    const values = readSetupValues({
      values: {
        [B.name]: { value: { type: 'plain_text_input', value: '  Acme  ' } },
        [B.source]: { value: { type: 'radio_buttons', selected_option: { value: 'static' } } },
        [B.staticExpiresAt]: { value: { type: 'datetimepicker', selected_date_time: 1795694400 } },
        [B.staticToken]: { value: { type: 'plain_text_input', value: null } },
      },
    });
    expect(values).toMatchObject({ name: 'Acme', source: 'static', staticExpiresAt: 1795694400, staticToken: '' });
  });

  it('a static token with an expiry in the past is refused on the expiry field', () => {
    const decision = decideSetup(
      { ...empty, name: 'Acme', source: 'static', staticToken: 't', staticExpiresAt: 1 },
      null,
      NOW,
    );
    expect(decision).toEqual({ ok: false, errors: { [B.staticExpiresAt]: 'This is in the past' } });
  });

  it('editing keeps a stored header when left empty, and removes it with "-"', () => {
    const stored = { name: 'Acme', credentials: central };
    const kept = decideSetup({ ...empty, source: 'central' }, stored, NOW);
    expect(kept).toMatchObject({ ok: true, name: 'Acme', credentials: central });
    const removed = decideSetup({ ...empty, source: 'central', centralHeader: '-' }, stored, NOW);
    expect(removed).toMatchObject({ ok: true, credentials: { ...central, header: null } });
  });

  it('stored credentials that cannot be read keep nothing: every secret must be typed again', () => {
    const decision = decideSetup({ ...empty, source: 'central' }, { name: 'Acme', credentials: null }, NOW);
    expect(decision).toMatchObject({ ok: false, errors: { [B.centralUrl]: expect.any(String) } });
  });

  it('the edit modal shows masked secrets and the URL’s origin only, within Block Kit’s modal limits', () => {
    const view = buildSetupModal({ editing: describeStored('Acme', central), privateMetadata: '{"providerId":"p"}' });
    const shown = JSON.stringify(view);
    expect(shown).toContain('https://tokens.example.com/…');
    expect(shown).toContain('Authorization: ••••••••ijkl');
    expect(shown).not.toContain('key=k');
    expect(shown).not.toContain('abcdefgh');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });
});
