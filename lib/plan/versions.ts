/** The plan's supported-version window, as the CLI writes it (`--supported-versions MIN-MAX`). */
import { compareVersions, formatMinor, parseVersion, SupportedVersionWindow } from '../core/versions';
import { PlanInputError } from './types';

/** Parses `v1.31-v1.36` into a window. */
export function parseVersionWindow(text: string): SupportedVersionWindow {
  const parts = text.split('-');
  const [min, max] = parts.map((p) => parseVersion(p));
  if (parts.length !== 2 || !min || !max || compareVersions(min, max) > 0) {
    throw new PlanInputError(
      `invalid supported versions "${text}": expected MIN-MAX minors such as v1.31-v1.36, MIN not above MAX`,
    );
  }
  return { oldest: formatMinor(min), newest: formatMinor(max) };
}
