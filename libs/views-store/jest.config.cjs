module.exports = { displayName: 'views-store', preset: '../../jest.preset.cjs' };
