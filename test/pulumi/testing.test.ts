import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { installMocks, loadStackConfig, MOCK_KUBECONFIG, registeredManifests, settle, valueOf } from '../../lib/pulumi/testing';

// GIVEN the public harness installed before the code under test is loaded.
const registered = installMocks({
  project: 'harness', stack: 'unit',
  call: args => (args.token === 'test:index:answer' ? { value: 42 } : undefined),
  resource: args => (args.type === 'test:index:Thing' ? { id: 'thing-1', state: { extra: true } } : undefined),
});

class Thing extends pulumi.CustomResource {
  declare public readonly extra: pulumi.Output<boolean>;
  constructor(name: string, args: Record<string, pulumi.Input<unknown>>) {
    super('test:index:Thing', name, { ...args, extra: undefined }, {});
  }
}

describe('lib/pulumi/testing', () => {
  test('echoes inputs as state, merges the resource answer and records every registration', async () => {
    const thing = new Thing('a', { colour: pulumi.secret('blue') });
    expect(await valueOf(thing.id)).toBe('thing-1');
    expect(await valueOf(thing.extra)).toBe(true);
    expect(await valueOf(thing.urn)).toBe('urn:pulumi:unit::harness::test:index:Thing::a');
    await settle(registered);
    const r = registered.find(x => x.name === 'a')!;
    expect(r.inputs.colour).toBe('blue');
    expect(r.rawInputs.colour).not.toBe('blue');
  });

  test('answers calls it is given, fails the others', async () => {
    expect(await pulumi.runtime.invoke('test:index:answer', {})).toEqual({ value: 42 });
    // The mock's error ("unexpected call test:index:other") reaches the program as a failed invoke.
    await expect(pulumi.runtime.invoke('test:index:other', {})).rejects.toBeDefined();
  });

  test('reads of a Secret hold the mock kubeconfig; registeredManifests skips reads and redacts Secret values', async () => {
    const k8s = await import('@pulumi/kubernetes');
    const read = k8s.core.v1.Secret.get('kc', 'ns/c-kubeconfig');
    expect(Buffer.from(await valueOf(read.data.apply(d => d.value)), 'base64').toString()).toBe(MOCK_KUBECONFIG);
    new k8s.core.v1.Secret('s', { metadata: { name: 's' }, stringData: { key: 'hush' } });
    await settle(registered);
    const manifests = registeredManifests(registered);
    expect(manifests.map(m => m.kind)).toEqual(['Secret']);
    expect(manifests[0].stringData).toEqual({ key: '(secret)' });
    expect(registeredManifests(registered, { redactSecrets: false })[0].stringData).toEqual({ key: 'hush' });
  });

  test('loadStackConfig turns a stack file into setAllConfig input and refuses encrypted values', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-'));
    const file = path.join(dir, 'Pulumi.x.yaml');
    fs.writeFileSync(file, 'config:\n  p:name: n\n  p:list: [1, 2]\n');
    expect(loadStackConfig(file)).toEqual({ 'p:name': 'n', 'p:list': '[1,2]' });
    fs.writeFileSync(file, 'config:\n  p:key:\n    secure: AAAA\n');
    expect(() => loadStackConfig(file)).toThrow(/p:key is encrypted/);
  });
});
