// One suite at a time: kafka-outage.int.spec.ts stops the shared Kafka, which would fail the
// "never a 5xx" fuzz suite if they overlapped.
module.exports = { displayName: 'ingest', preset: '../../jest.preset.cjs', maxWorkers: 1 };
