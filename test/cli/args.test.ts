import { readArgs, UsageError } from '../../lib/cli/_io';

describe('readArgs: the one way every command reads its command line', () => {
  const read = (argv: string[]) => {
    const seen: Array<[string, string | undefined, string | undefined]> = [];
    const positionals = readArgs(argv, new Set(['--format', '--git']), (name, value, next) => {
      if (name === '--git') seen.push([name, value(), next()]);
      else if (name === '--format') seen.push([name, value(), undefined]);
      else seen.push([name, undefined, undefined]);
    });
    return { positionals, seen };
  };

  test('values follow an option or are joined with =; positionals keep their order; -- ends the options', () => {
    expect(read(['a', '--format', 'json', 'b', '--format=text', '--', '--format', 'c'])).toEqual({
      positionals: ['a', 'b', '--format', 'c'],
      seen: [['--format', 'json', undefined], ['--format', 'text', undefined]],
    });
  });

  test('next() takes a second value only when it is no option', () => {
    expect(read(['--git', 'HEAD~1', 'path', 'after']).seen).toEqual([['--git', 'HEAD~1', 'path']]);
    expect(read(['--git', 'HEAD~1', '--summary', 'after'])).toEqual({ positionals: ['after'], seen: [['--git', 'HEAD~1', undefined], ['--summary', undefined, undefined]] });
  });

  test('a missing value, and = on an option that takes none, are usage errors', () => {
    expect(() => read(['--format'])).toThrow(new UsageError('--format needs a value'));
    expect(() => read(['--summary=yes'])).toThrow(new UsageError('--summary takes no value'));
  });
});
