import { PlanInputError } from '../../lib/plan/types';
import { compareVersions, isInWindow as isSupported, minorDistance, parseVersion } from '../../lib/core/versions';
import { parseVersionWindow } from '../../lib/plan/versions';

describe('versions', () => {
  test('parses full, minor-only and unprefixed versions', () => {
    expect(parseVersion('v1.34.1')).toEqual({ major: 1, minor: 34, patch: 1 });
    expect(parseVersion('1.33')).toEqual({ major: 1, minor: 33, patch: undefined });
    expect(parseVersion('v1.34.0-rc.1')).toEqual({ major: 1, minor: 34, patch: 0 });
    expect(parseVersion('latest')).toBeUndefined();
    expect(parseVersion(134)).toBeUndefined();
  });

  test('compares and measures minors', () => {
    const [a, b] = [parseVersion('v1.33.4')!, parseVersion('v1.35.0')!];
    expect(compareVersions(a, b)).toBeLessThan(0);
    expect(compareVersions(parseVersion('v1.33.5')!, a)).toBeGreaterThan(0);
    expect(minorDistance(a, b)).toBe(2);
  });

  test('a window is inclusive at both ends, whatever the patch', () => {
    const w = parseVersionWindow('v1.31-v1.36');
    expect(w).toEqual({ oldest: 'v1.31', newest: 'v1.36' });
    expect(isSupported(parseVersion('v1.36.9')!, w)).toBe(true);
    expect(isSupported(parseVersion('v1.31.0')!, w)).toBe(true);
    expect(isSupported(parseVersion('v1.30.14')!, w)).toBe(false);
    expect(isSupported(parseVersion('v1.37.0')!, w)).toBe(false);
  });

  test('throws when the window is malformed or reversed', () => {
    expect(() => parseVersionWindow('v1.31')).toThrow(PlanInputError);
    expect(() => parseVersionWindow('v1.36-v1.31')).toThrow('invalid supported versions "v1.36-v1.31"');
  });
});
