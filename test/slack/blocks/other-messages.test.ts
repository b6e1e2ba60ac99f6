import { describe, expect, it } from 'vitest';
import {
  buildCheckingMessage,
  buildHelpMessage,
  buildInternalErrorMessage,
  buildNoProvidersMessage,
  buildNotAvailableMessage,
  buildUnknownProviderMessage,
  type SlackMessage,
} from '../../../src/slack/blocks/index.js';
import { assertWithinBlockKitLimits } from '../../helpers/block-kit-limits.js';

function visible(message: SlackMessage): string {
  assertWithinBlockKitLimits(message);
  return JSON.stringify(message.blocks);
}

const plain = (text: string) => JSON.stringify(text).slice(1, -1);

describe('buildHelpMessage', () => {
  it('explains /quota, /quota NAME, /quota help and the mention form', () => {
    const message = buildHelpMessage();
    const text = visible(message);
    for (const usage of ['`/quota`', '`/quota NAME`', '`/quota help`', '`@bot quota [NAME]`']) {
      expect(text).toContain(usage);
    }
    expect(message.text).toContain('/quota NAME');
    expect(text).toContain('assumed to reset on the 1st');
  });

  it('leads with the reason, escaped, when the command was not understood', () => {
    const message = buildHelpMessage({ reason: 'I didn’t understand “<!here> & foo”.' });
    const text = visible(message);
    expect(text).toContain(plain(':thinking_face: I didn’t understand “&lt;!here&gt; &amp; foo”.'));
    expect(message.text.startsWith('I didn’t understand “&lt;!here&gt; &amp; foo”.')).toBe(true);
    expect(visible(buildHelpMessage({ reason: 'r'.repeat(10_000) }))).toContain('rrr');
  });
});

describe('buildNoProvidersMessage', () => {
  it('gives the exact command with this workspace’s team id and mentions permission set 18', () => {
    const message = buildNoProvidersMessage({ teamId: 'T0ABC123' });
    const text = visible(message);
    expect(text).toContain('```npx quota-bot provider add --team T0ABC123 --name NAME --token -```');
    expect(text).toContain('permission set 18');
    expect(message.text).toContain('npx quota-bot provider add --team T0ABC123 --name NAME --token -');
  });

  it('escapes a team id it cannot trust', () => {
    expect(visible(buildNoProvidersMessage({ teamId: '<!channel>' }))).toContain('--team &lt;!channel&gt;');
  });
});

describe('buildUnknownProviderMessage', () => {
  it('says which name was not found, suggests close names, and points to /quota', () => {
    const message = buildUnknownProviderMessage({ requested: 'Acmee', known: ['Acme', 'Beta', 'Gamma'] });
    const text = visible(message);
    expect(text).toContain("I don't know a provider called “Acmee”. Did you mean “Acme”?");
    expect(text).toContain('Providers here: Acme, Beta, Gamma.');
    expect(text).toContain('`/quota` shows every provider');
    expect(message.text).toContain('Use /quota to see them all.');
  });

  it('bounds the list: 200 long names show 20 and "and N more"', () => {
    const known = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(3, '0')} ${'x'.repeat(2000)}`);
    const text = visible(buildUnknownProviderMessage({ requested: 'nope', known }));
    expect(text).toContain(', and 180 more.');
    expect(text).toContain('000 xxx');
    expect(text).not.toContain('020 xxx');
  });

  it('escapes the requested name', () => {
    const message = buildUnknownProviderMessage({ requested: '<!everyone> *x*', known: [] });
    expect(visible(message)).toContain('“&lt;!everyone&gt; *x*”');
    expect(visible(message)).toContain('This workspace has no providers yet.');
  });
});

describe('buildNotAvailableMessage', () => {
  it('says honestly that the command is not available in this version yet', () => {
    const message = buildNotAvailableMessage({ feature: 'subscribe' });
    expect(visible(message)).toContain('`/quota subscribe` is not available in this version yet.');
    expect(message.text).toContain('/quota subscribe is not available in this version yet');
  });
});

describe('buildInternalErrorMessage / buildCheckingMessage', () => {
  it('internal error: says it is on our side and what to do, nothing internal', () => {
    const message = buildInternalErrorMessage();
    expect(visible(message)).toContain('Something went wrong on our side.');
    expect(message.text).toContain('Try again in a few minutes');
  });

  it('checking: a short placeholder', () => {
    const message = buildCheckingMessage();
    expect(message.text).toBe('Checking WeChat…');
    expect(visible(message)).toContain('Checking WeChat…');
  });
});
