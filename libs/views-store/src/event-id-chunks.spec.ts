import fc from 'fast-check';
import { EventIdSet } from '@lambda/transforms';
import { storedEventIds } from './event-id-chunks.js';

const packed = (ids: readonly string[]) => EventIdSet.of(ids).packedSince(0);

describe('event_id chunks', () => {
  it('give back every id of every chunk, in order, whatever its characters', () => {
    const id = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 128 });
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(id, { maxLength: 20 }), { maxLength: 5 }), (chunks) => {
        const row = { event_id_chunks: chunks.map(packed) };
        expect(storedEventIds(row)).toEqual(chunks.flat());
      }),
    );
  });

  it('hold an id of the longest kind: 128 units of three UTF-8 bytes each', () => {
    const longest = '\u20ac'.repeat(128);
    expect(storedEventIds({ event_id_chunks: [packed([longest, 'a'])] })).toEqual([longest, 'a']);
  });

  it('unite with the event_ids of a row written before chunks existed', () => {
    const row = { event_ids: ['old-1', 'old-2'], event_id_chunks: [packed(['new-1'])] };
    expect(storedEventIds(row)).toEqual(['old-1', 'old-2', 'new-1']);
  });

  it('read a row with neither column (Cassandra returns empty sets as null) as no ids', () => {
    expect(storedEventIds({ event_ids: null, event_id_chunks: null })).toEqual([]);
  });
});
