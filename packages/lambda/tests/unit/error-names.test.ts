import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('error names in a minified bundle', () => {
  it('keeps the library errors’ names, which callers see as errorType', async () => {
    // Prepare: bundle the library as SAM's esbuild default does (minified).
    const result = buildSync({
      stdin: {
        contents:
          "export { HttpError, ValidationError, Unauthorized, RemoteFunctionError, ConfigurationError } from './src/index.ts';",
        resolveDir: new URL('../../', import.meta.url).pathname,
        loader: 'ts',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      write: false,
      external: ['@aws-sdk/*', 'pg-native', 'mongodb'],
    });
    const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0]?.text ?? '').toString('base64')}`;

    // Act
    const library = (await import(url)) as Record<string, new (...args: unknown[]) => Error>;
    const names = [
      new (library.HttpError as new (s: number, c: string, m: string) => Error)(404, 'NOT_FOUND', 'x').name,
      new (library.ValidationError as new (f: unknown[]) => Error)([]).name,
      new (library.Unauthorized as new () => Error)().name,
      new (library.ConfigurationError as new (m: string) => Error)('x').name,
    ];

    // Assess
    expect(names).toEqual(['HttpError', 'ValidationError', 'Unauthorized', 'ConfigurationError']);
  });
});
