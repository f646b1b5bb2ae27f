import { CAPI_V1_14_SUPPORTED_VERSIONS, isInWindow, KubernetesVersion } from '../../lib/core/versions';

test('parses full versions and compares them', () => {
  const a = KubernetesVersion.of('v1.33.4');
  const b = KubernetesVersion.of('v1.34.0');
  expect(a.minorVersion).toBe('v1.33');
  expect(a.compare(b)).toBeLessThan(0);
  expect(b.minorsAhead(a)).toBe(1);
  expect(KubernetesVersion.from('v1.34.0').toString()).toBe('v1.34.0');
});

test('throws when a version is minor-only or has no leading v', () => {
  expect(() => KubernetesVersion.of('v1.34')).toThrow(/full version like "v1.34.2"/);
  expect(() => KubernetesVersion.of('1.34.1')).toThrow(/Invalid Kubernetes version/);
  expect(KubernetesVersion.tryParse('v1.34.01')).toBeUndefined();
});

test('the supported window is data with inclusive bounds', () => {
  expect(isInWindow(KubernetesVersion.of('v1.31.0'), CAPI_V1_14_SUPPORTED_VERSIONS)).toBe(true);
  expect(isInWindow(KubernetesVersion.of('v1.36.9'), CAPI_V1_14_SUPPORTED_VERSIONS)).toBe(true);
  expect(isInWindow(KubernetesVersion.of('v1.30.9'), CAPI_V1_14_SUPPORTED_VERSIONS)).toBe(false);
  expect(isInWindow(KubernetesVersion.of('v1.37.0'), { oldest: 'v1.32', newest: 'v1.37' })).toBe(true);
});
