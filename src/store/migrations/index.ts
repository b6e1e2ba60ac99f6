import type { Migration } from 'kysely';
import * as initial from './2026_11_26_001_initial.js';
import * as digests from './2026_11_26_002_digests.js';
import * as tokens from './2026_11_26_003_tokens.js';
import * as installations from './2026_11_26_004_installations.js';
import * as workspaceSettings from './2026_11_26_005_workspace_settings.js';

/**
 * Every migration, keyed by its timestamped name (run in name order). Listed by hand rather than read from a folder,
 * so it works the same from src/ under tsx, from dist/, and in a Docker image. Append; never edit or reorder.
 */
export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '2026_11_26_001_initial': initial,
  '2026_11_26_002_digests': digests,
  '2026_11_26_003_tokens': tokens,
  '2026_11_26_004_installations': installations,
  '2026_11_26_005_workspace_settings': workspaceSettings,
});
