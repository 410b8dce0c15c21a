module.exports = { displayName: 'speed', preset: '../../jest.preset.cjs' };
