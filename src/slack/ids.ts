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

/** The App Home tab: its Refresh button and, for admins, the buttons that open the configuration modals. */
export const HOME = Object.freeze({
  /** The block holding Refresh and the admin buttons at the top of the Home. */
  actionsBlock: 'home_actions',
  refresh: 'home_refresh',
  addProvider: 'home_add_provider',
  /** Per provider; the button's value is the provider's name, looked up in the clicker's own workspace. */
  editProvider: 'home_edit_provider',
  subscribe: 'home_subscribe',
});

/** The buttons under every quota answer; the value carries only the scope (a provider name, or all). */
export const ANSWER_BUTTONS = Object.freeze({
  blockId: 'quota_answer_buttons',
  refresh: 'quota_answer_refresh',
  share: 'quota_answer_share',
});

/** The "Subscribe a channel" modal opened from the App Home. */
export const SUBSCRIBE_MODAL = Object.freeze({
  callbackId: 'quota_subscribe',
  blocks: Object.freeze({
    channel: 'subscribe_channel',
    weekday: 'subscribe_weekday',
    time: 'subscribe_time',
    timeZone: 'subscribe_time_zone',
  }),
  /** The single element inside each input block. */
  action: 'value',
});

/** A modal that only tells the user something (e.g. a refusal after a button click); it has no submission. */
export const NOTICE_MODAL = Object.freeze({ callbackId: 'quota_notice' });
