import { describe, expect, it } from 'vitest';
import { TemplateError } from '../src/index.js';

describe('TemplateError', () => {
  it('names file, resource and property in one line', () => {
    // Act
    const error = new TemplateError("event source type 'Api' is not supported yet", {
      code: 'UNSUPPORTED_EVENT_SOURCE',
      file: 'services/items/template.yaml',
      resource: 'CreateItem',
      property: 'Properties.Events.Api',
    });

    // Assess
    expect(error.message).toBe(
      "services/items/template.yaml: resource CreateItem, property Properties.Events.Api: event source type 'Api' is not supported yet",
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TemplateError');
    expect(error.code).toBe('UNSUPPORTED_EVENT_SOURCE');
  });

  it('puts the line after the file and keeps the cause', () => {
    // Prepare
    const cause = new Error('low level');

    // Act
    const error = new TemplateError('unknown tag !Foo', {
      code: 'TEMPLATE_PARSE',
      file: 't.yaml',
      line: 7,
      cause,
    });

    // Assess
    expect(error.message).toBe('t.yaml:7: unknown tag !Foo');
    expect(error.cause).toBe(cause);
  });

  it('folds a multi-line detail into one line', () => {
    // Act
    const error = new TemplateError('first\n  second', { code: 'TEMPLATE_PARSE', file: 't.yaml' });

    // Assess
    expect(error.message).toBe('t.yaml: first second');
  });
});
