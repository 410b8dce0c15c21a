/** Most windows hold a few ids: start small, double as they come. */
const INITIAL_SLOTS = 8;
const INITIAL_BYTES = 64;
const LENGTH_BYTES = 2;
const MAX_UTF8_PER_UNIT = 3;

/**
 * The event_ids applied to one window: a set of strings kept as UTF-8 bytes in one buffer, found
 * through an open-addressing table of offsets. A daily window holds every id of the day; as a
 * `Set<string>` each id cost about a hundred bytes in objects the garbage collector traces on
 * every full collection, here about fifty in two typed arrays it does not look into (ADR 11).
 * Iterates in insertion order, like a Set. The buffer is append-only, so the ids inserted since
 * some point are a run of its bytes (`packedSince`): the speed layer stores those runs as they
 * are (speed_view's `event_id_chunks`, ADR 10) and reads them back with `unpackEventIds`.
 */
export class EventIdSet implements Iterable<string> {
  /** Each id as its byte length (two bytes) and its UTF-8 bytes, one after another. */
  private bytes = Buffer.allocUnsafe(INITIAL_BYTES);
  private used = 0;
  /** Open addressing, linear probing: an id's offset in `bytes` plus one; zero is empty. */
  private slots = new Int32Array(INITIAL_SLOTS);
  /** Each occupied slot's hash, so growing and probing compare bytes only on a full match. */
  private hashes = new Int32Array(INITIAL_SLOTS);
  private count = 0;

  static of(ids: Iterable<string>): EventIdSet {
    const set = new EventIdSet();
    for (const id of ids) set.insert(id);
    return set;
  }

  get size(): number {
    return this.count;
  }

  has(id: string): boolean {
    const length = encode(id);
    return this.slots[this.find(length, hashOf(length))]! !== 0;
  }

  /** Adds the id; false when it was already held. */
  insert(id: string): boolean {
    const length = encode(id);
    const hash = hashOf(length);
    const slot = this.find(length, hash);
    if (this.slots[slot] !== 0) return false;
    this.reserve(LENGTH_BYTES + length);
    this.bytes.writeUInt16BE(length, this.used);
    scratch.copy(this.bytes, this.used + LENGTH_BYTES, 0, length);
    this.slots[slot] = this.used + 1;
    this.hashes[slot] = hash;
    this.used += LENGTH_BYTES + length;
    if (++this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return true;
  }

  /** How many bytes the packed ids take: where `packedSince` starts for ids inserted from now on. */
  get byteLength(): number {
    return this.used;
  }

  /** A copy of the ids inserted after the set held `offset` bytes, packed, in insertion order. */
  packedSince(offset: number): Buffer {
    return Buffer.from(this.bytes.subarray(offset, this.used));
  }

  /** An independent copy. */
  copy(): EventIdSet {
    const copy = new EventIdSet();
    copy.bytes = Buffer.from(this.bytes.subarray(0, Math.max(this.used, 1)));
    copy.used = this.used;
    copy.slots = this.slots.slice();
    copy.hashes = this.hashes.slice();
    copy.count = this.count;
    return copy;
  }

  [Symbol.iterator](): Iterator<string> {
    return unpackEventIds(this.bytes.subarray(0, this.used))[Symbol.iterator]();
  }

  /** The slot holding the id now in `scratch`, or the empty slot where it would go. */
  private find(length: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const offset = this.slots[slot]! - 1;
      if (offset < 0) return slot;
      if (this.hashes[slot] === hash && this.holdsAt(offset, length)) return slot;
    }
  }

  private holdsAt(offset: number, length: number): boolean {
    if (this.bytes.readUInt16BE(offset) !== length) return false;
    const start = offset + LENGTH_BYTES;
    for (let index = 0; index < length; index++)
      if (this.bytes[start + index] !== scratch[index]) return false;
    return true;
  }

  private reserve(more: number) {
    if (this.used + more <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + more));
    this.bytes.copy(grown, 0, 0, this.used);
    this.bytes = grown;
  }

  private rehash(capacity: number) {
    const { slots, hashes } = this;
    this.slots = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let old = 0; old < slots.length; old++) {
      if (slots[old] === 0) continue;
      let slot = hashes[old]! & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = slots[old]!;
      this.hashes[slot] = hashes[old]!;
    }
  }
}

/** The ids of a run of packed bytes (`packedSince`), in order. */
export function unpackEventIds(packed: Buffer): string[] {
  const ids: string[] = [];
  for (let at = 0; at < packed.length; ) {
    const end = at + LENGTH_BYTES + packed.readUInt16BE(at);
    ids.push(packed.toString('utf8', at + LENGTH_BYTES, end));
    at = end;
  }
  return ids;
}

/** The id being looked up, as UTF-8: one buffer for every set (lookups are synchronous). */
let scratch = Buffer.allocUnsafe(512);

function encode(id: string): number {
  const needed = id.length * MAX_UTF8_PER_UNIT;
  if (needed > 0xffff) throw new RangeError(`an event_id of ${id.length} characters is too long`);
  if (needed > scratch.length) scratch = Buffer.allocUnsafe(needed);
  return scratch.write(id, 0, 'utf8');
}

/** FNV-1a over the id's bytes in `scratch`. */
function hashOf(length: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < length; index++) hash = Math.imul(hash ^ scratch[index]!, 0x01000193);
  return hash;
}
