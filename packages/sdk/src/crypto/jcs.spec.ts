import { describe, expect, it } from 'vitest';
import { canonicalize } from './jcs.js';

describe('canonicalize (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh",' +
        '"1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control",' +
        '"\\u00f6":"Latin Small Letter O With Diaeresis"}',
    ) as unknown;
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('serializes the RFC 8785 §3.2.2 sample', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('formats numbers as ECMAScript does (RFC 8785 Appendix B)', () => {
    const vectors: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'],
      [1e21, '1e+21'],
      [1e20, '100000000000000000000'],
      [9.999999999999997e22, '9.999999999999997e+22'],
      [0.000001, '0.000001'],
      [1e-7, '1e-7'],
    ];
    for (const [value, expected] of vectors) expect(canonicalize(value)).toBe(expected);
  });

  it('nests, drops undefined members and honours toJSON', () => {
    expect(canonicalize({ b: { d: [1, { f: 2, e: 1 }], c: null }, a: undefined, z: true })).toBe(
      '{"b":{"c":null,"d":[1,{"e":1,"f":2}]},"z":true}',
    );
    expect(canonicalize({ at: new Date(0) })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
    expect(canonicalize([])).toBe('[]');
    expect(canonicalize({})).toBe('{}');
  });

  it('refuses what JSON cannot represent', () => {
    for (const bad of [
      undefined,
      [undefined],
      NaN,
      Infinity,
      { x: -Infinity },
      () => 1,
      { f: () => 1 },
      Symbol('s'),
      10n,
      '\ud800',
      { '\udc00': 1 },
    ]) {
      expect(() => canonicalize(bad)).toThrow(TypeError);
    }
    // A well-formed surrogate pair is fine.
    expect(canonicalize('\ud83d\ude00')).toBe('"\ud83d\ude00"');
  });
});
