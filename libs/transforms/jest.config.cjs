module.exports = { displayName: 'transforms', preset: '../../jest.preset.cjs' };
