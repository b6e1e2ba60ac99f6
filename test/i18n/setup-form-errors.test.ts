import { describe, expect, it } from 'vitest';
import { validateProviderName } from '../../src/quota/provider-name.js';
import { SETUP_MODAL } from '../../src/slack/ids.js';
import { decideSetup, type SetupValues } from '../../src/slack/token-commands/setup-form.js';
import {
  checkAppId,
  checkCallbackToken,
  checkEncodingAesKey,
  checkSecret,
  checkTokenUrl,
  parseHeaderLine,
} from '../../src/tokens/credential-rules.js';

const NOW = new Date('2026-11-26T01:00:00Z');
const B = SETUP_MODAL.blocks;
const EMPTY: SetupValues = {
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
const reason = (checked: { ok: boolean; reason?: string }) => (checked.ok ? '' : (checked.reason ?? ''));

function errors(values: Partial<SetupValues>, locale: 'en' | 'zh-CN'): Record<string, string> {
  const decision = decideSetup({ ...EMPTY, ...values }, null, NOW, locale);
  return decision.ok ? {} : decision.errors;
}

describe('setup modal field errors', () => {
  it('say in English exactly what the CLI says for the same input', () => {
    const component = errors(
      { name: 'help me', source: 'component', componentAppId: 'wx1', componentSecret: 'a b', callbackToken: '!' },
      'en',
    );
    expect(component[B.name]).toBe(`A${reason(validateProviderName('help me')).slice(1)}`);
    expect(component[B.componentAppId]).toBe(reason(checkAppId('wx1', 'The component appid')));
    expect(component[B.authorizerAppId]).toBe(reason(checkAppId('', 'The authorizer appid')));
    expect(component[B.componentSecret]).toBe(reason(checkSecret('a b', 'The component secret')));
    expect(component[B.refreshToken]).toBe(reason(checkSecret('', 'The refresh token')));
    expect(component[B.callbackToken]).toBe(reason(checkCallbackToken('!')));
    expect(component[B.encodingAesKey]).toBe(reason(checkEncodingAesKey('')));

    for (const header of ['no colon', 'Host: x', 'X-Key: a\u0007b']) {
      const central = errors({ name: 'Acme', source: 'central', centralUrl: 'ftp://x', centralHeader: header }, 'en');
      expect(central[B.centralUrl]).toBe(reason(checkTokenUrl('ftp://x')));
      expect(central[B.centralHeader]).toBe(reason(parseHeaderLine(header)));
    }
    const past = errors({ name: 'Acme', source: 'static', staticToken: '', staticExpiresAt: 1 }, 'en');
    expect(past[B.staticToken]).toBe(reason(checkSecret('', 'The token')));
    expect(past[B.staticExpiresAt]).toBe('This is in the past');
    expect(errors({ name: 'Acme' }, 'en')[B.source]).toBe('Choose where the token comes from');
  });

  it('are in Chinese for a zh-CN admin, naming the field and the rule, never echoing a secret', () => {
    const secret = 'top secret value';
    const component = errors(
      { name: '', source: 'component', componentAppId: 'wx1', componentSecret: secret },
      'zh-CN',
    );
    expect(component[B.name]).toBe('服务商名称不能为空');
    expect(component[B.componentAppId]).toBe('第三方平台 appid应为 wx 加 16 位字母或数字');
    expect(component[B.componentSecret]).toBe('第三方平台 secret不能包含空格或控制字符，最多 2048 个字符');
    expect(component[B.refreshToken]).toBe('请填写授权方 refresh token');
    expect(component[B.encodingAesKey]).toContain('EncodingAESKey 必须是 43 位');
    expect(JSON.stringify(component)).not.toContain(secret);

    const central = errors({ name: 'Acme', source: 'central', centralUrl: 'x', centralHeader: 'Host: a' }, 'zh-CN');
    expect(central[B.centralUrl]).toBe('令牌 URL 必须是完整的 http:// 或 https:// 地址');
    expect(central[B.centralHeader]).toBe('请求头不能是 Host');
    expect(errors({ name: 'status page' }, 'zh-CN')[B.name]).toContain('"status"');
    expect(errors({ name: 'Acme' }, 'zh-CN')[B.source]).toBe('请选择令牌来源');
  });
});
