import { canonicalJson, specHash } from '../../lib/support/hash';
import { labelValueProblem, objectNameProblem, qualifiedKeyProblem } from '../../lib/support/names';

test('spec hashes ignore key order and change with any value', () => {
  expect(specHash({ a: 1, b: { c: 2, d: 3 } })).toBe(specHash({ b: { d: 3, c: 2 }, a: 1 }));
  expect(specHash({ a: 1 })).not.toBe(specHash({ a: 2 }));
  expect(specHash({ a: 1 })).toMatch(/^[0-9a-f]{8}$/);
  expect(canonicalJson({ b: 1, a: [{ y: 1, x: 2 }] })).toBe('{"a":[{"x":2,"y":1}],"b":1}');
});

test('checks names, label keys and values', () => {
  expect(objectNameProblem('a'.repeat(63), 'label')).toBeUndefined();
  expect(objectNameProblem('a'.repeat(64), 'label')).toMatch(/64 characters; at most 63/);
  expect(objectNameProblem('Prod', 'label')).toMatch(/DNS-1123 label/);
  expect(objectNameProblem('a.b', 'subdomain')).toBeUndefined();
  expect(qualifiedKeyProblem('example.com/tier')).toBeUndefined();
  expect(qualifiedKeyProblem('a/b/c')).toMatch(/at most one/);
  expect(labelValueProblem('')).toBeUndefined();
  expect(labelValueProblem('has space')).toMatch(/alphanumerics/);
});
