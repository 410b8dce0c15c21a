module.exports = { displayName: 'http', preset: '../../jest.preset.cjs' };
