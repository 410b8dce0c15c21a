import fc from 'fast-check';
import { EventIdSet } from './event-id-set.js';

const id = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 });

describe('EventIdSet', () => {
  it('answers like a Set of strings, in insertion order, through growth and copies', () => {
    fc.assert(
      fc.property(
        fc.array(id, { maxLength: 300 }),
        fc.array(id, { maxLength: 30 }),
        (ids, probes) => {
          const model = new Set<string>();
          const set = new EventIdSet();
          for (const value of ids) {
            const isNew = !model.has(value);
            model.add(value);
            expect(set.insert(value)).toBe(isNew);
          }
          expect(set.size).toBe(model.size);
          expect([...set]).toEqual([...model]);
          const copy = set.copy();
          for (const probe of [...probes, ...ids]) expect(copy.has(probe)).toBe(model.has(probe));
          copy.insert('only in the copy');
          expect(set.has('only in the copy')).toBe(false);
        },
      ),
    );
  });

  it('tells apart ids that differ in one byte, and holds the longest ids an event may carry', () => {
    const longest = '\u20ac'.repeat(128);
    const set = EventIdSet.of([longest, `${longest.slice(1)}\u20ad`, 'e-1', 'e-2']);
    expect(set.size).toBe(4);
    expect(set.has(longest)).toBe(true);
    expect(set.has('e-3')).toBe(false);
    expect([...set][0]).toBe(longest);
  });

  it('holds a million ids', () => {
    const set = new EventIdSet();
    for (let index = 0; index < 1_000_000; index++) set.insert(`evt-${index}`);
    expect(set.size).toBe(1_000_000);
    expect(set.insert('evt-999999')).toBe(false);
    expect(set.has('evt-1000000')).toBe(false);
  });
});
