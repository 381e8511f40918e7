import { initialSchema } from './0001_initial.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every schema step in order; a new step is appended, never edited once released. */
export const MIGRATIONS: readonly Migration[] = [initialSchema];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
