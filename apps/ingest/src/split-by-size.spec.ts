import { messageBytes, splitBySize } from './split-by-size.js';

const message = (value: string) => ({ key: 'k', value, headers: { h: 'v' } });

describe('splitBySize', () => {
  it('counts key, value and headers in UTF-8 bytes', () => {
    expect(messageBytes(message('é'))).toBe(1 + 2 + 2);
  });

  it('cuts runs at the byte limit, keeping order, and lets an oversized message stand alone', () => {
    const messages = ['aaaa', 'bbbb', 'c'.repeat(50), 'dd', 'ee'].map(message);
    const parts = splitBySize(messages, 16);
    expect(parts.map((part) => part.messages.map((m) => m.value[0]).join(''))).toEqual([
      'ab',
      'c',
      'de',
    ]);
    expect(parts.map((part) => part.bytes)).toEqual([14, 53, 10]);
  });
});
