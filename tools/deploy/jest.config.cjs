module.exports = {
  displayName: 'deploy',
  preset: '../../jest.preset.cjs',
  // The Prometheus integration test starts five apps and a Prometheus; the others render charts.
  testTimeout: 120000,
  maxWorkers: 1,
};
