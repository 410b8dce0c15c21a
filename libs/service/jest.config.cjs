module.exports = { displayName: 'service', preset: '../../jest.preset.cjs' };
