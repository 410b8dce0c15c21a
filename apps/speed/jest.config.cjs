// Integration tests here run real speed processes through crashes and rebalances: minutes, not seconds.
module.exports = {
  displayName: 'speed',
  preset: '../../jest.preset.cjs',
  maxWorkers: 1,
  testTimeout: 600000,
};
