module.exports = { displayName: 'batch', preset: '../../jest.preset.cjs' };
