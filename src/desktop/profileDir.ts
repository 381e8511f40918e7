import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { CofferError } from '../contract/index.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'coffer-profile-';
const OWNER_FILE = 'coffer-owner.pid';

/*
 * Chromium's preferences for the throw-away profile: no password manager, no autofill (both would write
 * what is typed into the profile), no translation or safe-browsing lookups, every permission blocked.
 * Content setting 2 = block.
 */
const PREFERENCES = {
  credentials_enable_service: false,
  credentials_enable_autosignin: false,
  autofill: { enabled: false, profile_enabled: false, credit_card_enabled: false },
  translate: { enabled: false },
  safebrowsing: { enabled: false },
  search: { suggest_enabled: false },
  alternate_error_pages: { enabled: false },
  download: { prompt_for_download: false },
  profile: {
    password_manager_enabled: false,
    default_content_setting_values: { notifications: 2, geolocation: 2, media_stream_camera: 2, media_stream_mic: 2, midi_sysex: 2, clipboard: 2, sensors: 2, automatic_downloads: 2 },
  },
};

/**
 * Where profiles go: the per-user runtime directory when the system has one (a RAM file system, mode
 * 0700, emptied at logout), else the temp directory.
 */
export function profileParent(env: NodeJS.ProcessEnv = process.env): string {
  return env.XDG_RUNTIME_DIR && process.platform === 'linux' ? env.XDG_RUNTIME_DIR : tmpdir();
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Removes profiles left by a shell that was killed before it could clean up. */
export function removeAbandonedProfiles(parent: string): void {
  for (const name of readdirSync(parent).filter((n) => n.startsWith(PREFIX))) {
    const dir = join(parent, name);
    try {
      const pid = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Not ours, or being created right now: leave it.
    }
  }
}

/** A fresh profile directory (0700) with the preferences above; delete it with removeProfile. */
export function createProfile(parent = profileParent()): string {
  removeAbandonedProfiles(parent);
  const dir = mkdtempSync(join(parent, PREFIX));
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  mkdirSync(join(dir, 'Default'), { mode: 0o700 });
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify(PREFERENCES));
  // Session restore files (Default/Sessions/…) record each page's form state and titles: an e2e run found a
  // vault name in one. A read-only empty file where the folder would be leaves Chromium nowhere to write them.
  writeFileSync(join(dir, 'Default', 'Sessions'), '', { mode: 0o400 });
  return dir;
}

/**
 * Deletes the profile. Chromium's helper processes can still be writing into it for a moment after the
 * browser said it closed: a directory that refills, or comes back after it was deleted (a CI run under
 * load found one recreated), is deleted again until it has stayed gone for 300 ms, for up to 5 s.
 */
export async function removeProfile(dir: string): Promise<void> {
  const pause = () => new Promise((resolve) => setTimeout(resolve, 150));
  let goneFor = 0;
  for (let attempt = 0; goneFor < 2; attempt++) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if (attempt >= 33) throw error;
    }
    await pause();
    goneFor = existsSync(dir) ? 0 : goneFor + 1;
    if (attempt >= 33 && goneFor === 0) throw new CofferError('DESKTOP_INTERNAL', `the browser profile ${dir} keeps coming back after it is deleted`);
  }
}
