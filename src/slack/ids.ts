/**
 * Every Slack callback_id, block_id and action_id the bot sends, in one place: a typo between the modal that is
 * opened and the listener that reads its submission would otherwise fail silently.
 */
export const SETUP_MODAL = Object.freeze({
  callbackId: 'quota_setup',
  /** One action per input block, so the id pair is `blocks.X` / `actions.X`. */
  blocks: Object.freeze({
    name: 'setup_name',
    source: 'setup_source',
    staticToken: 'setup_static_token',
    staticExpiresAt: 'setup_static_expires_at',
    centralUrl: 'setup_central_url',
    centralHeader: 'setup_central_header',
    componentAppId: 'setup_component_appid',
    componentSecret: 'setup_component_secret',
    authorizerAppId: 'setup_authorizer_appid',
    refreshToken: 'setup_refresh_token',
    callbackToken: 'setup_callback_token',
    encodingAesKey: 'setup_encoding_aes_key',
  }),
  /** The single element inside each input block. */
  action: 'value',
});

/** The block ids of the setup modal's inputs. */
export type SetupField = keyof typeof SETUP_MODAL.blocks;
