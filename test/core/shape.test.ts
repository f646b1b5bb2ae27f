import { CapiValidationError, renderManagedCluster, validateClusterSpec } from '../../lib';
import { clusterShapeIssues as shapeIssues } from '../../lib/core/shape';
import { awsSpec, devSpec } from './fixtures';

test('valid specs have the right shape', () => {
  expect(shapeIssues(devSpec())).toEqual([]);
  expect(shapeIssues(awsSpec())).toEqual([]);
});

test('throws a CapiValidationError, not a TypeError, when a list is given as an object', () => {
  const spec = devSpec({ controlPlane: { files: { path: '/etc/x' } as any } });
  expect(() => renderManagedCluster(spec)).toThrow(CapiValidationError);
  expect(() => renderManagedCluster(spec)).toThrow('controlPlane.files: must be a list, got an object');
});

test('throws when a field deep in a pool has the wrong type, naming the path', () => {
  const spec = devSpec({ workerPools: [{ name: 'md-0', users: [{ name: 'ops', sshAuthorizedKeys: 'ssh-ed25519 AAAA' as any }] }] });
  expect(validateClusterSpec(spec).map(i => `${i.path}: ${i.message}`)).toEqual(['workerPools[0].users[0].sshAuthorizedKeys: must be a list, got a string']);
});

test('throws when a field is null, suggesting to leave it out', () => {
  const [issue] = validateClusterSpec(devSpec({ workerPools: null as any }));
  expect(issue).toMatchObject({ path: 'workerPools', message: 'must be a list, got null', fix: 'leave the field out instead of setting it to null' });
});

test('throws when a label, annotation or flag value is not a string, also on objects without a prototype', () => {
  const odd = Object.assign(Object.create(null), { a: 'b' });
  const spec = devSpec({ labels: { team: 5 as any }, controlPlane: { kubeletExtraArgs: { v: odd } } });
  expect(validateClusterSpec(spec).map(i => i.path)).toEqual(['labels.team', 'controlPlane.kubeletExtraArgs.v']);
});
