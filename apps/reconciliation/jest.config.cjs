module.exports = { displayName: 'reconciliation', preset: '../../jest.preset.cjs' };
