module.exports = { displayName: 'clickhouse', preset: '../../jest.preset.cjs' };
