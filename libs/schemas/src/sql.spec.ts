import { PlatformError } from '@lambda/errors';
import { identifier, literal } from './index.js';

describe('identifier', () => {
  it('back-quotes a snake_case name', () => {
    expect(identifier('events_order')).toBe('`events_order`');
    expect(identifier('_tmp1')).toBe('`_tmp1`');
  });

  it.each(['', 'Order', 'a-b', '1abc', 'a b', 'x`; DROP TABLE t; --', 'événement', 'a.b'])(
    'rejects %j',
    (name) => {
      expect(() => identifier(name)).toThrow(PlatformError);
    },
  );
});

describe('literal', () => {
  it('quotes plain text', () => {
    expect(literal('completed')).toBe("'completed'");
  });

  it('escapes quotes and backslashes so a value cannot end the string', () => {
    expect(literal("'; DROP TABLE events_order; --")).toBe("'\\'; DROP TABLE events_order; --'");
    expect(literal('\\')).toBe("'\\\\'");
    expect(literal("\\'")).toBe("'\\\\\\''");
  });

  it('escapes control characters including NUL', () => {
    expect(literal('a\0b\nc\rd\te')).toBe("'a\\0b\\nc\\rd\\te'");
    expect(literal('\x01\x1f\x7f')).toBe("'\\x01\\x1f\\x7f'");
  });

  it('passes well-formed Unicode through unchanged', () => {
    expect(literal('café 😀 Ω')).toBe("'café 😀 Ω'");
  });

  it('rejects strings that cannot be encoded as UTF-8', () => {
    expect(() => literal('\ud800')).toThrow(/lone surrogate/);
  });

  it('writes safe integers and bigints as decimal', () => {
    expect(literal(-9007199254740991)).toBe('-9007199254740991');
    expect(literal(12n)).toBe('12');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 9007199254740992])(
    'rejects the number %p',
    (value) => {
      expect(() => literal(value)).toThrow(/safe integers/);
    },
  );
});
