module.exports = { displayName: 'control', preset: '../../jest.preset.cjs' };
