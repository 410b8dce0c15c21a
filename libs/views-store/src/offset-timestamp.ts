/**
 * The write timestamp of a speed layer row: the Kafka offset it reflects, instead of the wall
 * clock. Cassandra keeps the cell with the highest timestamp, so a write that reflects fewer
 * offsets of its Kafka partition can never replace one that reflects more, whatever order they
 * arrive in: a consumer that was expelled from the group mid-batch (a missed heartbeat) may still
 * write after the new owner did, and must lose. Equal offsets carry equal content (processing is
 * deterministic from the log). Consequence: speed_view and speed_progress must never be written
 * with wall-clock timestamps (an ordinary INSERT, UPDATE or DELETE would shadow the speed layer
 * for ever); clear them with TRUNCATE.
 */
export const offsetTimestamp = (offset: bigint): bigint => offset;
