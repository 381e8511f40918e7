import { licenceAllowed } from './licenceAllowed.js';
import type { LicenceException } from './licencePolicy.js';

/** One installed package as license-checker reports it. */
export interface InstalledLicence {
  name: string;
  version: string;
  licence: string;
  /** True when every install of the package is a development dependency. */
  devOnly: boolean;
}

/** How many packages passed, how many by exception, and each one that did not. */
export interface LicenceCheck {
  packages: number;
  byException: number;
  problems: string[];
  unusedExceptions: string[];
}

/** Checks every installed package against the allow-list and the named exceptions. */
export function checkLicences(
  installed: readonly InstalledLicence[],
  allowed: ReadonlySet<string>,
  exceptions: Readonly<Record<string, LicenceException>>,
): LicenceCheck {
  const problems: string[] = [];
  const used = new Set<string>();
  let byException = 0;
  for (const item of installed) {
    const exception = Object.hasOwn(exceptions, item.name) ? exceptions[item.name] : undefined;
    if (exception) {
      used.add(item.name);
      byException += 1;
      if (exception.licence !== item.licence) {
        problems.push(`${item.name}@${item.version}: its exception is for "${exception.licence}", found "${item.licence}"; review it again`);
      } else if (exception.devOnly && !item.devOnly) {
        problems.push(`${item.name}@${item.version}: its exception ("${item.licence}") covers development use only, found it in production dependencies`);
      }
    } else if (!licenceAllowed(item.licence, allowed)) {
      problems.push(`${item.name}@${item.version}: "${item.licence}" is not on the allow-list (scripts/security/licencePolicy.ts)`);
    }
  }
  const unusedExceptions = Object.keys(exceptions).filter((name) => !used.has(name));
  return { packages: installed.length, byException, problems, unusedExceptions };
}
