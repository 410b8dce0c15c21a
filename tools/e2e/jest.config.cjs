module.exports = {
  displayName: 'e2e',
  preset: '../../jest.preset.cjs',
  testTimeout: 180000,
  maxWorkers: 1,
};
