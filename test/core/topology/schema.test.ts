import { checkSchemaDefinition, validateValue, VariableSchema } from '../../../lib';

const check = (schema: VariableSchema, value: unknown) => {
  const out: string[] = [];
  validateValue('v', schema, value, i => out.push(`${i.path}: ${i.message}`));
  return out;
};
const define = (schema: unknown) => {
  const out: string[] = [];
  checkSchemaDefinition(i => out.push(`${i.path}: ${i.message}`), 's', schema);
  return out;
};

describe('variable schemas (OpenAPI v3 subset)', () => {
  test('types, integers and numbers as the API server reads them', () => {
    expect(check({ type: 'integer' }, 1.5)).toEqual(['v: must be an integer']);
    expect(check({ type: 'number' }, 1.5)).toEqual([]);
    expect(check({ type: 'number' }, Infinity)).toEqual(['v: must be a number']);
    expect(check({ type: 'string' }, 1)).toEqual(['v: must be a string']);
    expect(check({ type: 'boolean' }, 'true')).toEqual(['v: must be a boolean']);
    expect(check({ type: 'object' }, [])).toEqual(['v: must be an object']);
    expect(check({ type: 'string', 'x-kubernetes-int-or-string': true }, 25)).toEqual([]);
  });

  test('bounds: lengths in characters, exclusive minimum, items, properties', () => {
    expect(check({ type: 'string', maxLength: 2 }, 'éé')).toEqual([]);
    expect(check({ type: 'integer', minimum: 1, exclusiveMinimum: true }, 1)).toEqual(['v: must be greater than 1']);
    expect(check({ type: 'array', items: { type: 'string' }, maxItems: 1, uniqueItems: true }, ['a', 'a'])).toEqual(['v: must have at most 1 items', 'v[1]: repeats an earlier item (uniqueItems)']);
    expect(check({ type: 'object', additionalProperties: { type: 'integer' }, maxProperties: 1 }, { a: 1, b: 'x' })).toEqual(['v: must have at most 1 fields', 'v.b: must be an integer']);
    expect(check({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, { anything: { goes: 1 } })).toEqual([]);
  });

  test('formats', () => {
    const ok = { ipv4: '10.0.0.1', ipv6: 'fd00::1', cidr: '10.0.0.0/16', uuid: '123e4567-e89b-12d3-a456-426614174000', 'date-time': '2026-12-01T17:00:00Z', hostname: 'api.example.com' };
    for (const [format, value] of Object.entries(ok)) expect(check({ type: 'string', format }, value)).toEqual([]);
    expect(check({ type: 'string', format: 'ipv4' }, '10.0.0.256')).toEqual(['v: must be a valid ipv4']);
    expect(check({ type: 'string', format: 'cidr' }, '10.0.0.0/33')).toEqual(['v: must be a valid cidr']);
    expect(check({ type: 'string', format: 'ipv6' }, '1::2::3')).toEqual(['v: must be a valid ipv6']);
  });

  test('a definition: type required, enum values checked against the schema, unknown keywords refused', () => {
    expect(define({ enum: ['a'] })).toEqual(['s.type: must be set to a JSON type (a structural schema)']);
    expect(define({ type: 'string', enum: ['a', 3] })).toEqual(['s.enum[1]: enum value must be a string']);
    expect(define({ type: 'string', maxlength: 3 })).toEqual(['s.maxlength: is not a schema keyword this library knows']);
    expect(define({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } })).toEqual(['s.additionalProperties: additionalProperties and properties are mutually exclusive']);
    expect(define({ type: 'string', pattern: '(' })[0]).toMatch(/^s\.pattern: is not a valid regular expression/);
    expect(define({ type: 'string', pattern: '(a)\\1' })).toEqual(['s.pattern: uses a backreference, which Go regular expressions (RE2) do not support']);
  });

  test('a hostile value is judged quickly and without crashing', () => {
    const long = 'a'.repeat(100000);
    expect(check({ type: 'string', pattern: '^a*$' }, long)).toEqual(['v: is longer than 65536 characters, too long to check against the pattern ^a*$ here']);
    const deep: any = {};
    let node = deep;
    for (let i = 0; i < 100; i++) node = node.x = {};
    expect(check({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, deep)).toEqual([]);
    expect(check({ type: 'object', properties: {} }, JSON.parse('{"__proto__": {"polluted": true}}'))).toEqual(['v.__proto__: is not a usable field name']);
    expect(({} as any).polluted).toBeUndefined();
  });
});
