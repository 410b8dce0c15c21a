module.exports = { displayName: 'cassandra', preset: '../../jest.preset.cjs' };
